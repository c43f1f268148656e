package com.voxclone.importer.entity;

/**
 * One importable media item of a channel, playlist or URL.
 *
 * @param url             the address to import it from
 * @param title           its title, or the file name of a direct link
 * @param durationSeconds its length when known, else null
 */
public record MediaItem(String url, String title, Double durationSeconds) {
}
