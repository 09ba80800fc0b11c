package org.facegrid.problem;

import java.util.List;
import java.util.Map;

/** The request's content or parameters break a rule; {@link #details()} names each field and what is wrong. */
public class InvalidInputException extends ProblemException {
    public InvalidInputException(String message, List<FieldProblem> problems) {
        super("invalid_input", message, problems.stream().map(FieldProblem::asMap).toList());
    }

    public static InvalidInputException of(String field, String problem) {
        return new InvalidInputException(field + " " + problem, List.of(new FieldProblem(field, problem)));
    }

    /** What is wrong with one field or parameter. */
    public record FieldProblem(String field, String problem) {
        Map<String, String> asMap() {
            return Map.of("field", field, "problem", problem);
        }
    }
}
