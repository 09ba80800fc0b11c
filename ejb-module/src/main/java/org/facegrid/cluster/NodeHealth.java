package org.facegrid.cluster;

import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;

import java.util.ArrayList;
import java.util.List;

/**
 * The primary's view of one node's health: whether the balancer sends it traffic ({@link #IN}, {@link #OUT},
 * or {@link #REMOVED} after its status went silent), the current run of failed or successful checks, and the
 * last transitions. Immutable: each check gives the next state, and at most one transition.
 */
public final class NodeHealth {
    public static final String IN = "IN";
    public static final String OUT = "OUT";
    public static final String REMOVED = "REMOVED";
    /** Transitions kept per node (the log keeps them all). */
    static final int KEPT_TRANSITIONS = 10;

    private final String name;
    private final String state;
    private final int failures;
    private final int successes;
    private final long checkedAt;
    private final String problem;
    private final List<HealthTransition> transitions;

    @ProtoFactory
    public NodeHealth(String name, String state, int failures, int successes, long checkedAt, String problem,
                      List<HealthTransition> transitions) {
        this.name = name;
        this.state = state;
        this.failures = failures;
        this.successes = successes;
        this.checkedAt = checkedAt;
        this.problem = problem;
        this.transitions = transitions == null ? List.of() : List.copyOf(transitions);
    }

    /** A node seen for the first time: it registered once its application started, so it starts in rotation. */
    public static NodeHealth first(String name) {
        return new NodeHealth(name, IN, 0, 0, 0, null, List.of());
    }

    /** The state after one check of /health/ready; {@code problem} is null when the check passed. */
    public NodeHealth afterCheck(String problem, HealthPolicy policy, long now) {
        if (problem == null) {
            int run = successes + 1;
            if (!state.equals(IN) && run >= policy.successesToReturn()) {
                return next(IN, 0, run, now, null, new HealthTransition(now, "FGCLU010", state, IN,
                        run + " successful checks in a row"));
            }
            return next(state, 0, run, now, null, null);
        }
        int run = failures + 1;
        if (state.equals(IN) && run >= policy.failuresToLeave()) {
            return next(OUT, run, 0, now, problem, new HealthTransition(now, "FGCLU011", IN, OUT,
                    run + " failed checks in a row, the last: " + problem));
        }
        return next(state, run, 0, now, problem, null);
    }

    /** Removed from the balancer when its last status report is older than the policy allows. */
    public NodeHealth afterSilence(long reportedAt, HealthPolicy policy, long now) {
        long silentMs = now - reportedAt;
        if (state.equals(REMOVED) || silentMs <= policy.staleAfter().toMillis()) {
            return this;
        }
        return next(REMOVED, failures, 0, checkedAt, problem, new HealthTransition(now, "FGCLU012", state, REMOVED,
                "no status report for " + silentMs / 1000 + " s"));
    }

    /** A removed node that reports again is checked again; it returns after enough successful checks. */
    public NodeHealth afterReport(long now) {
        if (!state.equals(REMOVED)) {
            return this;
        }
        return next(OUT, 0, 0, checkedAt, problem, new HealthTransition(now, "FGCLU013", REMOVED, OUT,
                "reports its status again; checks resume"));
    }

    private NodeHealth next(String state, int failures, int successes, long checkedAt, String problem,
                            HealthTransition transition) {
        List<HealthTransition> kept = new ArrayList<>(transitions);
        if (transition != null) {
            kept.add(transition);
            if (kept.size() > KEPT_TRANSITIONS) {
                kept.subList(0, kept.size() - KEPT_TRANSITIONS).clear();
            }
        }
        return new NodeHealth(name, state, failures, successes, checkedAt, problem, kept);
    }

    /** The transition this state was reached by, if the last step made one. */
    public HealthTransition lastTransition() {
        return transitions.isEmpty() ? null : transitions.get(transitions.size() - 1);
    }

    @ProtoField(number = 1, required = true)
    public String name() {
        return name;
    }

    @ProtoField(number = 2)
    public String state() {
        return state;
    }

    /** Failed checks in a row (0 after a success). */
    @ProtoField(number = 3, defaultValue = "0")
    public int failures() {
        return failures;
    }

    /** Successful checks in a row (0 after a failure). */
    @ProtoField(number = 4, defaultValue = "0")
    public int successes() {
        return successes;
    }

    @ProtoField(number = 5, defaultValue = "0")
    public long checkedAt() {
        return checkedAt;
    }

    /** What the last failed check saw; null when the last check passed. */
    @ProtoField(number = 6)
    public String problem() {
        return problem;
    }

    @ProtoField(number = 7)
    public List<HealthTransition> transitions() {
        return transitions;
    }

    public boolean inRotation() {
        return state.equals(IN);
    }
}
