package com.voxclone.account.entity;

/**
 * Who signed in with a company account, as the identity provider vouched for it in a verified ID token.
 *
 * @param issuer      the identity provider
 * @param subject     the person's stable id at that provider
 * @param displayName the name to show (at most 200 characters)
 */
public record CompanyIdentity(String issuer, String subject, String displayName) {

    public static final int MAX_NAME_LENGTH = 200;

    public CompanyIdentity {
        if (issuer == null || issuer.isBlank() || subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("a company identity needs an issuer and a subject");
        }
        displayName = displayName == null || displayName.isBlank() ? subject : displayName.strip();
        if (displayName.length() > MAX_NAME_LENGTH) {
            displayName = displayName.substring(0, MAX_NAME_LENGTH);
        }
    }
}
