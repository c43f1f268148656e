package com.voxclone.platform.boundary;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Security headers on every response of the web tier: the portal's static files (served by the container) and the
 * API alike. The portal may load only its own scripts, styles and media, and nothing from elsewhere; everything else
 * (JSON, problem details, audio, the OpenAPI document) may load nothing, except that an audio file opened directly in
 * the browser may still play itself. No page may be framed, no content sniffed, no address leaked as a referrer.
 */
// Also on forwards: /v1 is forwarded to /api/v1, and forwarding may run before this filter saw the request.
@WebFilter(urlPatterns = "/*", asyncSupported = true, dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD})
public class SecurityHeadersFilter extends HttpFilter {

    static final String PORTAL_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    // media-src 'self': the browser's own player for an audio file opened directly loads that file again.
    static final String RESOURCE_POLICY = "default-src 'none'; media-src 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // Set before the chain runs: once a response is committed, headers can no longer be added.
        response.setHeader("Content-Security-Policy", isPortalPage(request) ? PORTAL_POLICY : RESOURCE_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }

    /** The portal: its page and the files under {@code /app/}. */
    static boolean isPortalPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.isEmpty() || path.equals("/") || path.equals("/index.html") || path.startsWith("/app/");
    }
}
