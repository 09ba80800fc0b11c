package org.facegrid.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.facegrid.problem.ConflictException;
import org.facegrid.store.CacheOf;
import org.facegrid.store.CacheReads;
import org.facegrid.store.DataCache;
import org.facegrid.store.ProtoCodec;
import org.infinispan.Cache;

import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Persons in the distributed, persisted {@code persons} cache (id -> ProtoStream bytes), with the
 * {@code person-external-ids} cache (externalId -> id) as the uniqueness index.
 *
 * <p>The index entry is claimed with putIfAbsent before the person is written, and released after it is
 * removed, so two nodes racing for one externalId cannot both win.
 */
@ApplicationScoped
class InfinispanPersonRepository implements PersonRepository {
    private static final Logger LOG = Logger.getLogger(InfinispanPersonRepository.class.getName());

    @Inject
    @CacheOf(DataCache.PERSONS)
    private Cache<String, byte[]> persons;

    @Inject
    @CacheOf(DataCache.PERSON_EXTERNAL_IDS)
    private Cache<String, String> externalIds;

    /** For the container (CDI needs it to make its proxy). */
    InfinispanPersonRepository() {
    }

    /** For tests that run the repository on caches they start themselves. */
    InfinispanPersonRepository(Cache<String, byte[]> persons, Cache<String, String> externalIds) {
        this.persons = persons;
        this.externalIds = externalIds;
    }

    @Override
    public Optional<Person> find(String id) {
        byte[] bytes = persons.get(id);
        return bytes == null ? Optional.empty() : Optional.of(ProtoCodec.decode(bytes, Person.class));
    }

    @Override
    public void insert(Person person) {
        claimExternalId(person);
        try {
            persons.put(person.id(), ProtoCodec.encode(person));
        } catch (RuntimeException e) {
            releaseExternalId(person.externalId(), person.id());
            throw e;
        }
    }

    @Override
    public void replace(Person current, Person next) {
        boolean externalIdChanged = next.externalId() != null && !next.externalId().equals(current.externalId());
        if (externalIdChanged) {
            claimExternalId(next);
        }
        try {
            persons.put(next.id(), ProtoCodec.encode(next));
        } catch (RuntimeException e) {
            if (externalIdChanged) {
                releaseExternalId(next.externalId(), next.id());
            }
            throw e;
        }
        if (current.externalId() != null && !current.externalId().equals(next.externalId())) {
            releaseExternalId(current.externalId(), current.id());
        }
    }

    @Override
    public void remove(Person person) {
        persons.remove(person.id());
        releaseExternalId(person.externalId(), person.id());
    }

    @Override
    public Stream<Person> all() {
        // A cluster-wide iteration: a compute-only node owns no segments and reads them from the owners.
        return CacheReads.allValues(persons).stream().map(bytes -> ProtoCodec.decode(bytes, Person.class));
    }

    private void claimExternalId(Person person) {
        if (person.externalId() == null) {
            return;
        }
        String holder = externalIds.putIfAbsent(person.externalId(), person.id());
        if (holder != null && !holder.equals(person.id()) && persons.get(holder) == null
                && externalIds.replace(person.externalId(), holder, person.id())) {
            // A claim whose person was never stored: its node died between the two writes of a create. The
            // client's retry takes the externalId over instead of being refused for a person nobody can read.
            LOG.warning(() -> "FGDIR001: externalId " + person.externalId() + " was claimed for person " + holder
                    + ", which was never stored; the claim goes to person " + person.id());
            return;
        }
        if (holder != null && !holder.equals(person.id())) {
            throw new ConflictException("duplicate_external_id",
                    "externalId " + person.externalId() + " already belongs to person " + holder,
                    Map.of("field", "externalId", "value", person.externalId(), "personId", holder));
        }
    }

    private void releaseExternalId(String externalId, String personId) {
        if (externalId != null) {
            externalIds.remove(externalId, personId);
        }
    }
}
