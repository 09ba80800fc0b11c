package org.facegrid.recognition;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.facegrid.inference.embedding.FaceEmbedder;
import org.facegrid.inference.matching.Match;
import org.facegrid.inference.matching.Matcher;
import org.facegrid.store.ProtoCodec;
import org.infinispan.Cache;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryRemoved;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * This node's in-memory matcher over every enrolled face of the cluster, so recognition never waits on a
 * remote read. A clustered listener on the {@code faces} cache first replays every existing template, then
 * delivers each write and removal from any node; it is synchronous, so when a deletion returns to its caller
 * no node matches that face any more. The listener only updates memory, never a cache.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class GalleryIndex {
    private static final Logger LOG = Logger.getLogger(GalleryIndex.class.getName());

    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/faces")
    private Cache<String, byte[]> faces;

    private final Matcher matcher = Matcher.create(FaceEmbedder.DIMENSIONS, Matcher.Precision.FLOAT32,
            Runtime.getRuntime().availableProcessors());
    private final Map<String, String> personOfFace = new ConcurrentHashMap<>();
    private final FacesListener listener = new FacesListener();

    @PostConstruct
    void start() {
        long begin = System.nanoTime();
        faces.addListener(listener);
        LOG.info(() -> String.format("FGREC002: gallery index holds %d faces, loaded in %d ms", matcher.size(),
                (System.nanoTime() - begin) / 1_000_000));
    }

    @PreDestroy
    void stop() {
        faces.removeListener(listener);
    }

    /** A face of the gallery and how far it is from the query. */
    public record GalleryMatch(String faceId, String personId, float distance) {
    }

    /**
     * The nearest faces of up to {@code persons} different persons, nearest first: each person once, with
     * its best face.
     */
    public List<GalleryMatch> nearestPersons(float[] descriptor, int persons) {
        int k = Math.min(1000, persons * FaceRepository.MAX_FACES_PER_PERSON);
        Map<String, GalleryMatch> best = new LinkedHashMap<>();
        for (Match match : matcher.search(descriptor, k)) {
            String personId = personOfFace.get(match.id());
            if (personId != null && !best.containsKey(personId)) {
                best.put(personId, new GalleryMatch(match.id(), personId, match.distance()));
                if (best.size() == persons) {
                    break;
                }
            }
        }
        return new ArrayList<>(best.values());
    }

    public int size() {
        return matcher.size();
    }

    /** Public for Infinispan, which calls it reflectively; not part of the bean's interface. */
    @Listener(clustered = true, includeCurrentState = true)
    public final class FacesListener {
        @CacheEntryCreated
        @CacheEntryModified
        public void written(CacheEntryEvent<String, byte[]> event) {
            if (event.isPre() || event.getValue() == null) {
                return;
            }
            FaceTemplate template = ProtoCodec.decode(event.getValue(), FaceTemplate.class);
            personOfFace.put(template.faceId(), template.personId());
            matcher.add(template.faceId(), template.descriptor());
        }

        @CacheEntryRemoved
        public void removed(CacheEntryEvent<String, byte[]> event) {
            if (event.isPre()) {
                return;
            }
            matcher.remove(event.getKey());
            personOfFace.remove(event.getKey());
        }
    }
}
