package org.facegrid.api;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.facegrid.problem.InvalidInputException.FieldProblem;
import org.facegrid.problem.InvalidInputException;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses a query parameter the endpoint does not take (a typo such as {@code tresh=0.5} would otherwise be
 * ignored and the default used) with 400 naming it and the parameters the endpoint takes. What an endpoint takes is
 * what it declares: its {@code @QueryParam} arguments, and the OpenAPI {@code @Parameter(in = QUERY)} annotations
 * of the endpoints that read their parameters from the query, the JSON body or the form alike ({@link ImageRequest}),
 * so the document and the check cannot differ.
 */
@Provider
public class QueryParameterCheck implements ContainerRequestFilter {
    private static final Map<Method, Set<String>> DECLARED = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Set<String> declared = declared(method);
        List<FieldProblem> problems = new ArrayList<>();
        for (String name : new TreeSet<>(request.getUriInfo().getQueryParameters().keySet())) {
            if (!declared.contains(name)) {
                problems.add(new FieldProblem(name, declared.isEmpty() ? "is not a parameter: this endpoint takes none"
                        : "is not a parameter of this endpoint; it takes " + String.join(", ", declared)));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Unknown query parameter" + (problems.size() > 1 ? "s " : " ")
                    + String.join(", ", problems.stream().map(FieldProblem::field).toList()) + ".", problems);
        }
    }

    /** The query parameters a resource method declares, in order of name. */
    static Set<String> declared(Method method) {
        return DECLARED.computeIfAbsent(method, m -> {
            TreeSet<String> names = new TreeSet<>();
            for (java.lang.annotation.Annotation[] annotations : m.getParameterAnnotations()) {
                for (java.lang.annotation.Annotation annotation : annotations) {
                    if (annotation instanceof QueryParam query) {
                        names.add(query.value());
                    }
                }
            }
            // repeated @Parameter annotations come wrapped in @Parameters: getAnnotationsByType unwraps them
            for (Parameter documented : m.getAnnotationsByType(Parameter.class)) {
                if (documented.in() == ParameterIn.QUERY) {
                    names.add(documented.name());
                }
            }
            return java.util.Collections.unmodifiableSortedSet(names);
        });
    }
}
