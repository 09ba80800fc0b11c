package org.facegrid.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.facegrid.cluster.WriteGuard;
import org.facegrid.json.JsonFactory;
import org.facegrid.store.CacheOf;
import org.facegrid.store.DataCache;
import org.infinispan.Cache;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** The cluster's retention policy, one JSON entry of the {@code settings} cache. */
@ApplicationScoped
public class RetentionSettings {
    static final String KEY = "retention.policy";

    @Inject
    @CacheOf(DataCache.SETTINGS)
    private Cache<String, String> settings;

    @Inject
    WriteGuard writes;

    public RetentionPolicy policy() {
        String json = settings.get(KEY);
        if (json == null) {
            return RetentionPolicy.KEEP_EVERYTHING;
        }
        try (var reader = JsonFactory.createReader(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))) {
            return RetentionPolicy.fromJson(reader.readObject());
        }
    }

    /** @throws org.facegrid.problem.WritesRefusedException this side may not write now */
    public RetentionPolicy set(RetentionPolicy policy) {
        writes.ensureWritable();
        settings.put(KEY, policy.toJson().toString());
        return policy;
    }
}
