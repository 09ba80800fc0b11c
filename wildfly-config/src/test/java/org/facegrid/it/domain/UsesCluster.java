package org.facegrid.it.domain;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test class runs on the shared cluster {@link #value}, started once for every class that names it
 * ({@link ClusterExtension}); its tests take a {@link Cluster} parameter. {@link #order} orders the classes of
 * one cluster where it matters (a destructive cluster's classes), lowest first.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(ClusterExtension.class)
@interface UsesCluster {
    ClusterSpec value();

    int order() default 0;
}
