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
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.facegrid.cluster.StaleEntriesRemoved;
import org.facegrid.inference.embedding.FaceEmbedder;
import org.facegrid.inference.matching.Match;
import org.facegrid.inference.matching.Matcher;
import org.facegrid.store.CacheOf;
import org.facegrid.store.CacheReads;
import org.facegrid.store.DataCache;
import org.facegrid.store.ProtoCodec;
import org.infinispan.Cache;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.event.CacheEntryCreatedEvent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's in-memory matcher over every enrolled face of the cluster, so recognition never waits on a
 * remote read. At start it registers on the replicated {@code face-events} cache, then loads every template
 * from {@code faces}; after that each enrolment or deletion, on any node, arrives as a local write of
 * {@code face-events}. The write is synchronous: when an enrolment or deletion returns to its caller, every
 * node's index already has it. The listener only updates memory, never a cache.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class GalleryIndex {
    private static final Logger LOG = Logger.getLogger(GalleryIndex.class.getName());

    @Inject
    @CacheOf(DataCache.FACES)
    private Cache<String, byte[]> faces;

    @Inject
    @CacheOf(DataCache.FACE_EVENTS)
    private Cache<String, byte[]> events;

    private final Matcher matcher = Matcher.create(FaceEmbedder.DIMENSIONS, Matcher.Precision.FLOAT32,
            Runtime.getRuntime().availableProcessors());
    private final Map<String, String> personOfFace = new ConcurrentHashMap<>();
    private final EventsListener listener = new EventsListener();

    /** One rebuild at a time, off the thread that delivered the event. */
    @Resource
    private ManagedThreadFactory threadFactory;
    private ExecutorService reloader;
    /** Faces removed while the start-up load runs: the load must not bring them back. */
    private final Set<String> removedDuringLoad = ConcurrentHashMap.newKeySet();
    private volatile boolean loading = true;

    @PostConstruct
    void start() {
        reloader = Executors.newSingleThreadExecutor(threadFactory);
        events.addListener(listener);
        load();
    }

    /** Loads every face of the cache; drops those the index holds and the cache no longer has. */
    private synchronized void load() {
        long begin = System.nanoTime();
        loading = true;
        Set<String> absent = new HashSet<>(personOfFace.keySet());
        for (byte[] bytes : CacheReads.allValues(faces)) {
            FaceTemplate template = ProtoCodec.decode(bytes, FaceTemplate.class);
            absent.remove(template.faceId());
            if (!removedDuringLoad.contains(template.faceId())) {
                add(template.faceId(), template.personId(), template.descriptor());
            }
        }
        absent.forEach(this::remove);
        loading = false;
        removedDuringLoad.clear();
        LOG.info(() -> String.format("FGREC002: gallery index holds %d faces, loaded in %d ms", matcher.size(),
                (System.nanoTime() - begin) / 1_000_000));
    }

    private void reload() {
        // the cache unmarshals what it reads with the context class loader: without the deployment's, a value
        // read from another node stays a marshalled wrapper instead of the byte[] it holds
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(GalleryIndex.class.getClassLoader());
        try {
            load();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "FGREC005: could not rebuild the gallery index; it is rebuilt at the next start", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @PreDestroy
    void stop() {
        events.removeListener(listener);
        reloader.shutdownNow();
    }

    private void add(String faceId, String personId, float[] descriptor) {
        personOfFace.put(faceId, personId); // before the matcher can return it
        matcher.add(faceId, descriptor);
    }

    private void remove(String faceId) {
        if (loading) {
            removedDuringLoad.add(faceId);
        }
        matcher.remove(faceId);
        personOfFace.remove(faceId);
    }

    /**
     * After the faces cache was rewritten wholesale (a restore), every node rebuilds its index from it instead
     * of hearing of each face.
     */
    public void resyncEveryNode() {
        events.put(UUID.randomUUID().toString(), ProtoCodec.encode(FaceEvent.resync()));
    }

    /** Faces a rejoining node brought back from its store after the cluster had deleted them. */
    public void staleEntriesRemoved(@Observes StaleEntriesRemoved removed) {
        if (removed.cache().equals(faces.getName())) {
            removed.keys().forEach(faceId -> remove((String) faceId));
        }
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
    @Listener
    public final class EventsListener {
        @CacheEntryCreated
        public void created(CacheEntryCreatedEvent<String, byte[]> event) {
            if (event.isPre()) {
                return;
            }
            try {
                FaceEvent face = ProtoCodec.decode(event.getValue(), FaceEvent.class);
                if (face.isResync()) {
                    // not on the writer's thread: the restore that announced it must not wait for every index
                    LOG.info("FGREC004: rebuilding the gallery index from the faces cache (restore " + event.getKey() + ")");
                    reloader.execute(GalleryIndex.this::reload);
                } else if (face.removed()) {
                    remove(face.faceId());
                } else {
                    add(face.faceId(), face.personId(), FaceTemplate.descriptor(face.descriptorBytes()));
                }
            } catch (RuntimeException e) {
                // never fail the writer's put: the index is rebuilt from 'faces' at the next start
                LOG.log(Level.WARNING, "FGREC003: could not apply face event " + event.getKey(), e);
            }
        }
    }
}
