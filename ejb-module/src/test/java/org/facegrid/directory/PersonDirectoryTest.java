package org.facegrid.directory;

import org.facegrid.cluster.WriteGuard;
import org.facegrid.problem.ConflictException;
import org.facegrid.problem.NotFoundException;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The directory on real (local) Infinispan caches holding ProtoStream bytes, as on a server. */
class PersonDirectoryTest {
    private DefaultCacheManager caches;
    private Cache<String, byte[]> persons;
    private Cache<String, String> externalIds;
    private DefaultPersonDirectory directory;

    @BeforeEach
    void startCaches() {
        caches = new DefaultCacheManager();
        caches.defineConfiguration("persons", new ConfigurationBuilder().build());
        caches.defineConfiguration("person-external-ids", new ConfigurationBuilder().build());
        persons = caches.getCache("persons");
        externalIds = caches.getCache("person-external-ids");
        directory = new DefaultPersonDirectory();
        directory.repository = new InfinispanPersonRepository(persons, externalIds);
        caches.defineConfiguration("nodes", new ConfigurationBuilder().build());
        directory.writes = new WriteGuard(caches.getCache("nodes")); // no node records: one node, always writable
    }

    @AfterEach
    void stopCaches() {
        caches.stop();
    }

    @Test
    void createdPersonCanBeReadBack() {
        Person created = directory.create(new PersonDraft(" Ada ", "emp-1", List.of("staff")));
        Person read = directory.get(created.id());
        assertEquals(created, read);
        assertEquals("Ada", read.name());
        assertEquals(created.id(), externalIds.get("emp-1"));
    }

    @Test
    void duplicateExternalIdIsAConflictAndWritesNothing() {
        Person first = directory.create(new PersonDraft("Ada", "emp-1", List.of()));
        ConflictException e = assertThrows(ConflictException.class,
                () -> directory.create(new PersonDraft("Eve", "emp-1", List.of())));
        assertEquals("duplicate_external_id", e.code());
        assertEquals(first.id(), e.details().get(0).get("personId"));
        assertEquals(1, persons.size());
    }

    @Test
    void updateMovesTheExternalIdClaim() {
        Person ada = directory.create(new PersonDraft("Ada", "emp-1", List.of()));
        Person updated = directory.update(ada.id(), new PersonDraft("Ada L.", "emp-2", List.of("vip")));
        assertEquals("emp-2", updated.externalId());
        assertEquals(ada.createdAt(), updated.createdAt());
        assertNull(externalIds.get("emp-1"), "the old externalId must be released");
        // ... so another person can now take it
        directory.create(new PersonDraft("Bob", "emp-1", List.of()));
        assertEquals("Ada L.", directory.get(ada.id()).name());
    }

    @Test
    void updateToAnotherPersonsExternalIdIsRefusedAndChangesNothing() {
        Person ada = directory.create(new PersonDraft("Ada", "emp-1", List.of()));
        directory.create(new PersonDraft("Bob", "emp-2", List.of()));
        assertThrows(ConflictException.class, () -> directory.update(ada.id(), new PersonDraft("Ada", "emp-2", null)));
        assertEquals("emp-1", directory.get(ada.id()).externalId());
        assertEquals(ada.id(), externalIds.get("emp-1"));
    }

    @Test
    void deleteRemovesThePersonAndReleasesItsExternalId() {
        Person ada = directory.create(new PersonDraft("Ada", "emp-1", List.of()));
        directory.delete(ada.id());
        assertThrows(NotFoundException.class, () -> directory.get(ada.id()));
        assertThrows(NotFoundException.class, () -> directory.delete(ada.id()));
        assertTrue(externalIds.isEmpty());
    }

    @Test
    void unknownIdIsNotFound() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> directory.get("nope"));
        assertEquals("person_not_found", e.code());
        assertThrows(NotFoundException.class, () -> directory.update("nope", new PersonDraft("X", null, null)));
    }

    @Test
    void listingIsSortedByNameFilteredAndPaged() {
        for (String name : List.of("carol", "Alice", "bob", "Alicia", "dave")) {
            directory.create(new PersonDraft(name, null, List.of()));
        }
        PersonPage all = directory.list(new PersonQuery(null, 0, 50));
        assertEquals(List.of("Alice", "Alicia", "bob", "carol", "dave"), names(all));
        assertEquals(5, all.total());

        PersonPage second = directory.list(new PersonQuery(null, 2, 2));
        assertEquals(List.of("bob", "carol"), names(second));
        assertEquals(5, second.total());

        PersonPage filtered = directory.list(new PersonQuery("ALI", 0, 50));
        assertEquals(List.of("Alice", "Alicia"), names(filtered));
        assertEquals(2, filtered.total());

        PersonPage beyond = directory.list(new PersonQuery(null, 10, 5));
        assertFalse(beyond.items().iterator().hasNext());
        assertEquals(5, beyond.total());
    }

    private static List<String> names(PersonPage page) {
        return page.items().stream().map(Person::name).toList();
    }
}
