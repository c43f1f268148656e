package com.voxclone.platform.boundary;

import com.voxclone.platform.entity.Violation;
import jakarta.ejb.ApplicationException;
import java.util.List;

/** Input that breaks a rule, whichever way it came in; each {@link Violation} says what was wrong and what is allowed. */
@ApplicationException(rollback = true)
public class InvalidInputException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidInputException(List<Violation> violations) {
        super(String.join("; ", violations.stream().map(Violation::message).toList()));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
