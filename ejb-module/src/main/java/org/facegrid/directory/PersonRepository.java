package org.facegrid.directory;

import java.util.Optional;
import java.util.stream.Stream;

/** Where persons are kept. Implementations keep externalId unique across the cluster. */
interface PersonRepository {
    Optional<Person> find(String id);

    /** Stores a new person; fails with a ConflictException if its externalId is taken. */
    void insert(Person person);

    /** Replaces {@code current} with {@code next} (same id), moving the externalId claim if it changed. */
    void replace(Person current, Person next);

    void remove(Person person);

    /** Every person; callers filter and sort. */
    Stream<Person> all();
}
