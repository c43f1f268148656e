package com.voxclone.audit.boundary;

import com.voxclone.account.boundary.SessionRequestGuard;
import com.voxclone.audit.entity.WayIn;

/** Which way in an HTTP request came: the portal marks its calls; everything else is the API. */
public final class RequestWay {

    private RequestWay() {
    }

    /** {@code clientHeader}: the request's {@value SessionRequestGuard#CLIENT_HEADER} header, or null. */
    public static WayIn of(String clientHeader) {
        return "portal".equals(clientHeader) ? WayIn.PORTAL : WayIn.HTTP;
    }
}
