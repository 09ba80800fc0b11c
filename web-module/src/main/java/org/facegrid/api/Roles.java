package org.facegrid.api;

/**
 * The API's roles: viewers read; operators also create and change persons, enrol faces and recognise; admins
 * do everything (deleting persons, writing objects, and what later issues add: jobs, settings).
 */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";

    private Roles() {
    }
}
