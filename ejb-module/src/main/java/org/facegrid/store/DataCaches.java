package org.facegrid.store;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import org.infinispan.Cache;

import java.util.List;

/**
 * The one place the facegrid caches are looked up. Each is a resource reference here because WildFly starts a
 * cache only when a deployment references it; everything else injects {@code @CacheOf(...)} or asks
 * {@link #get}. The switch in {@link #get} names every {@link DataCache}: a cache added to the enum and not
 * here does not compile.
 */
@ApplicationScoped
public class DataCaches {
    @Resource(lookup = DataCache.JNDI_PREFIX + "settings")
    private Cache<?, ?> settings;
    @Resource(lookup = DataCache.JNDI_PREFIX + "persons")
    private Cache<?, ?> persons;
    @Resource(lookup = DataCache.JNDI_PREFIX + "person-external-ids")
    private Cache<?, ?> personExternalIds;
    @Resource(lookup = DataCache.JNDI_PREFIX + "faces")
    private Cache<?, ?> faces;
    @Resource(lookup = DataCache.JNDI_PREFIX + "person-faces")
    private Cache<?, ?> personFaces;
    @Resource(lookup = DataCache.JNDI_PREFIX + "events")
    private Cache<?, ?> events;
    @Resource(lookup = DataCache.JNDI_PREFIX + "event-index")
    private Cache<?, ?> eventIndex;
    @Resource(lookup = DataCache.JNDI_PREFIX + "objects")
    private Cache<?, ?> objects;
    @Resource(lookup = DataCache.JNDI_PREFIX + "nodes")
    private Cache<?, ?> nodes;
    @Resource(lookup = DataCache.JNDI_PREFIX + "jobs")
    private Cache<?, ?> jobs;
    @Resource(lookup = DataCache.JNDI_PREFIX + "node-health")
    private Cache<?, ?> nodeHealth;
    @Resource(lookup = DataCache.JNDI_PREFIX + "face-events")
    private Cache<?, ?> faceEvents;
    @Resource(lookup = DataCache.JNDI_PREFIX + "webhook-deliveries")
    private Cache<?, ?> webhookDeliveries;

    /** A resource name that drifted from the enum's cache name fails the deployment, not a request later. */
    @PostConstruct
    void checkNames() {
        for (DataCache cache : DataCache.values()) {
            String name = get(cache).getName();
            if (!name.equals(cache.cacheName())) {
                throw new IllegalStateException(cache + " is looked up as cache '" + name + "'");
            }
        }
    }

    /** The cache an injection point names with {@link CacheOf}. */
    @Produces
    @Dependent
    @CacheOf(DataCache.SETTINGS)
    <K, V> Cache<K, V> produce(InjectionPoint point) {
        CacheOf wanted = point.getQualifiers().stream().filter(CacheOf.class::isInstance).map(CacheOf.class::cast)
                .findFirst().orElseThrow(() -> new IllegalStateException("no @CacheOf at " + point));
        return get(wanted.value());
    }

    @SuppressWarnings("unchecked")
    public <K, V> Cache<K, V> get(DataCache cache) {
        Cache<?, ?> found = switch (cache) {
            case SETTINGS -> settings;
            case PERSONS -> persons;
            case PERSON_EXTERNAL_IDS -> personExternalIds;
            case FACES -> faces;
            case PERSON_FACES -> personFaces;
            case EVENTS -> events;
            case EVENT_INDEX -> eventIndex;
            case OBJECTS -> objects;
            case NODES -> nodes;
            case JOBS -> jobs;
            case NODE_HEALTH -> nodeHealth;
            case FACE_EVENTS -> faceEvents;
            case WEBHOOK_DELIVERIES -> webhookDeliveries;
        };
        return (Cache<K, V>) found;
    }

    public <K, V> List<Cache<K, V>> get(List<DataCache> caches) {
        return caches.stream().map(c -> this.<K, V>get(c)).toList();
    }
}
