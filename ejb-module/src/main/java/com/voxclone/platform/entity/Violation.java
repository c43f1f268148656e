package com.voxclone.platform.entity;

/**
 * One invalid input field and what is allowed instead, written for the person who sent it. Every component reports
 * invalid input with this type, so none needs another's types to say what was wrong.
 *
 * @param field   the field's name as the client sent it
 * @param message what was wrong and what is allowed
 */
public record Violation(String field, String message) {
}
