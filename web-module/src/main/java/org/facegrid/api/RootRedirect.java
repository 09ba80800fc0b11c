package org.facegrid.api;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /} leads to the API's index ({@link ApiIndex}): a person who opens a node in a browser signs in
 * and finds what the API has. (The operator console takes this place once it exists.)
 */
@WebServlet("")
public class RootRedirect extends HttpServlet {
    static final String TARGET = "/api/v1";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", TARGET);
    }
}
