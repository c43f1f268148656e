package com.voxclone.account.control;

import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;

/**
 * The cookies of a company sign-in. Both are HttpOnly (no script can read them) and Secure when the portal is
 * served over https.
 */
public final class SessionCookies {

    /** The portal session: a random token, valid on the server until sign-out or the session lifetime ends. */
    public static final String SESSION = "voxclone_session";
    /** Binds a sign-in under way to the browser that started it. */
    public static final String SIGN_IN_STATE = "voxclone_sign_in";
    private static final String SIGN_IN_PATH = "/api/auth/oidc";

    private SessionCookies() {
    }

    /**
     * The session cookie. SameSite=Strict: the portal only sends it with its own requests, never when another site
     * links or posts here. No Max-Age, so it also ends when the browser closes.
     */
    public static NewCookie session(String token, boolean secure) {
        return base(SESSION, token, "/", secure).sameSite(NewCookie.SameSite.STRICT).build();
    }

    public static NewCookie sessionEnded(boolean secure) {
        return base(SESSION, "", "/", secure).sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
    }

    /** SameSite=Lax, because the browser comes back from the identity provider through a link from another site. */
    public static NewCookie signInState(String state, Duration lifetime, boolean secure) {
        return base(SIGN_IN_STATE, state, SIGN_IN_PATH, secure).sameSite(NewCookie.SameSite.LAX)
                .maxAge((int) lifetime.toSeconds()).build();
    }

    public static NewCookie signInStateUsed(boolean secure) {
        return base(SIGN_IN_STATE, "", SIGN_IN_PATH, secure).sameSite(NewCookie.SameSite.LAX).maxAge(0).build();
    }

    private static NewCookie.Builder base(String name, String value, String path, boolean secure) {
        return new NewCookie.Builder(name).value(value).path(path).httpOnly(true).secure(secure);
    }
}
