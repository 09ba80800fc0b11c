package org.facegrid.api;

import jakarta.json.JsonObject;
import org.facegrid.problem.InvalidInputException;
import org.facegrid.problem.InvalidInputException.FieldProblem;

import java.util.List;

/** A JSON body's fields checked like query parameters: one the endpoint does not take is a 400 naming it. */
final class BodyFields {
    private BodyFields() {
    }

    static void only(JsonObject body, String... accepted) {
        if (body == null) {
            return;
        }
        List<String> taken = List.of(accepted);
        List<FieldProblem> problems = body.keySet().stream().filter(field -> !taken.contains(field)).sorted()
                .map(field -> new FieldProblem(field, "is not a field of this request; it takes "
                        + String.join(", ", taken)))
                .toList();
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Unknown field " + problems.get(0).field() + ": this request takes "
                    + String.join(", ", taken) + ".", problems);
        }
    }
}
