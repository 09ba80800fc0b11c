package org.facegrid.operator.cluster;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RollingRestartPlanTest {
    static ClusterView.Node node(String name, boolean enabled) {
        return new ClusterView.Node(name, "http://127.0.0.1:80" + name.substring(4), "secondary", "redundant", "UP", enabled,
                "IN", enabled);
    }

    @Test
    void everyNodeOfTheDomainRestartsByNameWithThePrimaryLast() {
        ClusterView cluster = new ClusterView("node2", List.of(node("node3", true), node("node2", true), node("node1", true)));
        RollingRestartPlan plan = RollingRestartPlan.of(cluster, List.of("node1", "node2", "node3"));
        assertEquals(List.of("node1", "node3", "node2"), plan.steps().stream().map(RollingRestartPlan.Step::name).toList());
        assertEquals(List.of(true, true, true), plan.steps().stream().map(RollingRestartPlan.Step::takeOutOfRotation).toList());
        assertEquals(List.of("http://127.0.0.1:801", "http://127.0.0.1:802"), plan.urlsWithout(plan.steps().get(1)));
    }

    @Test
    void aNodeTheOperatorTookOutStaysOutAndANodeNotInTheDomainIsLeftAlone() {
        ClusterView cluster = new ClusterView("node1", List.of(node("node1", true), node("node2", false), node("node4", true)));
        RollingRestartPlan plan = RollingRestartPlan.of(cluster, List.of("node1", "node2", "node3"));
        assertEquals(List.of("node2", "node1"), plan.steps().stream().map(RollingRestartPlan.Step::name).toList(),
                "node4 is recorded but not a host of the domain; node3 is a host not in the view");
        assertEquals(List.of(false, true), plan.steps().stream().map(RollingRestartPlan.Step::takeOutOfRotation).toList());
    }

    @Test
    void aLoneNodeIsNotTakenOutOfRotation() {
        RollingRestartPlan plan = RollingRestartPlan.of(new ClusterView("node1", List.of(node("node1", true))), List.of("node1"));
        assertEquals(List.of(new RollingRestartPlan.Step("node1", "http://127.0.0.1:801", false)), plan.steps());
    }

    @Test
    void withoutAPrimaryTheOrderIsByName() {
        ClusterView cluster = new ClusterView(null, List.of(node("node2", true), node("node1", true)));
        assertEquals(List.of("node1", "node2"), RollingRestartPlan.of(cluster, List.of("node1", "node2")).steps().stream()
                .map(RollingRestartPlan.Step::name).toList());
    }
}
