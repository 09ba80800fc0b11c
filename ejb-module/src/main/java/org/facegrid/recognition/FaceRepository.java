package org.facegrid.recognition;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.facegrid.problem.ConflictException;
import org.facegrid.store.CacheOf;
import org.facegrid.store.DataCache;
import org.facegrid.store.ProtoCodec;
import org.infinispan.Cache;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Face templates in the {@code faces} cache (face id -> template), and which faces each person has in the
 * {@code person-faces} cache: keys {@code <personId>/<slot>} for slots 0 to {@link #MAX_FACES_PER_PERSON} - 1,
 * each claimed with putIfAbsent. A person's faces are one bulk read of those keys, never a scan, and two
 * enrolments racing for one slot cannot both win.
 */
@ApplicationScoped
class FaceRepository {
    static final int MAX_FACES_PER_PERSON = 32;

    @Inject
    @CacheOf(DataCache.FACES)
    private Cache<String, byte[]> faces;

    @Inject
    @CacheOf(DataCache.PERSON_FACES)
    private Cache<String, String> slots;

    @Inject
    @CacheOf(DataCache.FACE_EVENTS)
    private Cache<String, byte[]> events;

    /** Claims a free slot of the person for the face; the template must be stored with it. */
    int claimSlot(String personId, String faceId) {
        for (int slot = 0; slot < MAX_FACES_PER_PERSON; slot++) {
            if (slots.putIfAbsent(slotKey(personId, slot), faceId) == null) {
                return slot;
            }
        }
        throw new ConflictException("too_many_faces", "person " + personId + " already has the maximum of "
                + MAX_FACES_PER_PERSON + " faces; delete one first", Map.of("personId", personId,
                "limit", String.valueOf(MAX_FACES_PER_PERSON)));
    }

    void releaseSlot(String personId, int slot, String faceId) {
        slots.remove(slotKey(personId, slot), faceId);
    }

    /** Stores the template, then tells every node's gallery index (the put returns once all have it). */
    void insert(FaceTemplate template) {
        faces.put(template.faceId(), ProtoCodec.encode(template));
        events.put(UUID.randomUUID().toString(), ProtoCodec.encode(FaceEvent.enrolled(template)));
    }

    Optional<FaceTemplate> find(String faceId) {
        byte[] bytes = faces.get(faceId);
        return bytes == null ? Optional.empty() : Optional.of(ProtoCodec.decode(bytes, FaceTemplate.class));
    }

    /** The person's faces, oldest first. A slot claimed by an enrolment still in progress is skipped. */
    List<FaceTemplate> facesOf(String personId) {
        Set<String> keys = new LinkedHashSet<>();
        for (int slot = 0; slot < MAX_FACES_PER_PERSON; slot++) {
            keys.add(slotKey(personId, slot));
        }
        Set<String> faceIds = new LinkedHashSet<>(slots.getAdvancedCache().getAll(keys).values());
        List<FaceTemplate> found = new ArrayList<>();
        if (!faceIds.isEmpty()) {
            faces.getAdvancedCache().getAll(faceIds).values().forEach(bytes -> found.add(ProtoCodec.decode(bytes, FaceTemplate.class)));
        }
        found.sort(Comparator.comparingLong(FaceTemplate::createdAt).thenComparing(FaceTemplate::faceId));
        return found;
    }

    /** Removes the template, takes it out of every node's gallery index, then frees its slot. */
    void remove(FaceTemplate template) {
        faces.remove(template.faceId());
        events.put(UUID.randomUUID().toString(), ProtoCodec.encode(FaceEvent.removed(template.faceId())));
        releaseSlot(template.personId(), template.slot(), template.faceId());
    }

    private static String slotKey(String personId, int slot) {
        return personId + "/" + slot;
    }
}
