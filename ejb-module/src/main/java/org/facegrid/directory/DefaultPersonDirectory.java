package org.facegrid.directory;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.facegrid.cluster.WriteGuard;
import org.facegrid.problem.NotFoundException;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

@Stateless
@Local(PersonDirectory.class)
// The caches are non-transactional; a JTA transaction around them would only add cost.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DefaultPersonDirectory implements PersonDirectory {
    static final Comparator<Person> LISTING_ORDER =
            Comparator.comparing((Person p) -> p.name().toLowerCase()).thenComparing(Person::id);

    private final Clock clock = Clock.systemUTC();

    @Inject
    PersonRepository repository;

    @Inject
    WriteGuard writes;

    @Override
    public Person create(PersonDraft draft) {
        PersonDraft valid = draft.validated();
        writes.ensureWritable();
        long now = clock.millis();
        Person person = new Person(UUID.randomUUID().toString(), valid.name(), valid.externalId(), valid.tags(),
                now, now, Person.SCHEMA_VERSION, valid.watchlists());
        repository.insert(person);
        return person;
    }

    @Override
    public Person get(String id) {
        return repository.find(id).orElseThrow(() -> new NotFoundException("person", id));
    }

    @Override
    public Person update(String id, PersonDraft draft) {
        PersonDraft valid = draft.validated();
        writes.ensureWritable();
        Person current = get(id);
        Person next = current.withDraft(valid, clock.millis());
        repository.replace(current, next);
        return next;
    }

    @Override
    public void delete(String id) {
        writes.ensureWritable();
        repository.remove(get(id));
    }

    @Override
    public PersonPage list(PersonQuery query) {
        List<Person> matching = repository.all().filter(query::matches).sorted(LISTING_ORDER).toList();
        int from = (int) Math.min(query.offset(), matching.size());
        int to = (int) Math.min((long) from + query.limit(), matching.size());
        return new PersonPage(matching.subList(from, to), matching.size(), query.offset(), query.limit());
    }
}
