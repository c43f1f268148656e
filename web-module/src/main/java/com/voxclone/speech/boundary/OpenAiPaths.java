package com.voxclone.speech.boundary;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * OpenAI clients are given {@code http://host:port/v1} as their base URL; the API lives under {@code /api}, so
 * {@code /v1/...} is served by {@code /api/v1/...} (same authentication, limits and headers).
 */
@WebFilter(urlPatterns = "/v1/*", asyncSupported = true, dispatcherTypes = DispatcherType.REQUEST)
public class OpenAiPaths extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        request.getRequestDispatcher("/api" + path).forward(request, response);
    }
}
