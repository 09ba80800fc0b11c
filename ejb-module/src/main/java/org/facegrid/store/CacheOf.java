package org.facegrid.store;

import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Injects one cache of the facegrid container: {@code @Inject @CacheOf(DataCache.PERSONS) Cache<String, byte[]> persons}. */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface CacheOf {
    /** Nonbinding: one producer ({@link DataCaches}) serves every cache. */
    @Nonbinding
    DataCache value();
}
