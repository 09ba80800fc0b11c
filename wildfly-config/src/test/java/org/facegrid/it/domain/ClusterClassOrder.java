package org.facegrid.it.domain;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

import java.util.Comparator;

/**
 * Runs the classes that start their own domains first, then the classes of each shared cluster together (so each
 * starts once and one cluster runs at a time), in {@link UsesCluster#order} within a cluster, then by name.
 * Configured in junit-platform.properties.
 */
public class ClusterClassOrder implements ClassOrderer {
    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator
                .comparingInt((ClassDescriptor c) -> c.findAnnotation(UsesCluster.class).map(u -> u.value().ordinal() + 1).orElse(0))
                .thenComparingInt(c -> c.findAnnotation(UsesCluster.class).map(UsesCluster::order).orElse(0))
                .thenComparing(ClassDescriptor::getDisplayName));
    }
}
