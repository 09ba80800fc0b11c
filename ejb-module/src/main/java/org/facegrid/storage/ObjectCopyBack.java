package org.facegrid.storage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.facegrid.cluster.ClusterMembership;
import org.facegrid.store.ProtoCodec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Symphony's copy-back, run by the primary every {@code facegrid.objects.copyback.seconds} (30) in local mode:
 * an object written while one of its homes was down is copied to that home once it is back, and the stand-in's
 * copy removed; an object whose home left the cluster gets a new home; with copies=2 an object held once gets
 * its second copy; deletes a down node missed (tombstones) are resent. Each record is replaced only if nobody
 * changed it meanwhile, so a concurrent delete or rewrite wins.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ObjectCopyBack {
    private static final Logger LOG = Logger.getLogger(ObjectCopyBack.class.getName());

    @Resource
    private TimerService timers;

    @EJB
    private ClusterMembership membership;

    @Inject
    ClusterObjectStore store;

    @Inject
    ObjectRecords records;

    @Inject
    NodeCopies nodeCopies;

    @Inject
    StorageSettings settings;

    @Inject
    ObjectPeers peers;

    private volatile boolean running;

    @PostConstruct
    void schedule() {
        long every = Long.getLong("facegrid.objects.copyback.seconds", 30) * 1000;
        timers.createIntervalTimer(every, every, new TimerConfig("object copy-back", false));
    }

    @Timeout
    void tick() {
        if (running || !membership.isPrimary() || !membership.isStarted()) {
            return;
        }
        StorageSettings.Config config = settings.current();
        if (config.shared()) {
            return;
        }
        running = true;
        try {
            int copies = config.copies();
            List<String> storageNodes = peers.storageNodes().stream().map(ObjectPeers.Peer::name).toList();
            for (byte[] bytes : records.allRecords()) {
                ObjectRecord record = ProtoCodec.decode(bytes, ObjectRecord.class);
                if (ObjectRecords.isTombstone(record)) {
                    resendDelete(record, bytes);
                } else {
                    bringHome(record, bytes, copies, storageNodes);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "FGOBJ041: copy-back round stopped; the next one goes on", e);
        } finally {
            running = false;
        }
    }

    private void bringHome(ObjectRecord record, byte[] recorded, int copies, List<String> storageNodes) {
        if (record.holderList().isEmpty()) {
            return; // written in shared mode: no node's disk is its home
        }
        String key = record.key();
        List<String> homes = new ArrayList<>(record.homeList().stream().filter(storageNodes::contains).toList());
        for (String node : store.rendezvous(key)) { // a home that left the cluster, or a 2nd copy wanted
            if (homes.size() >= Math.max(copies, record.homeList().size()) || homes.size() >= storageNodes.size()) {
                break;
            }
            if (!homes.contains(node)) {
                homes.add(node);
            }
        }
        Set<String> holders = new LinkedHashSet<>(record.holderList());
        for (String home : homes) {
            if (holders.contains(home)) {
                continue;
            }
            Optional<byte[]> bytes = holders.stream().map(h -> nodeCopies.readFrom(h, key))
                    .flatMap(Optional::stream).filter(b -> Checksums.sha256(b).equals(record.sha256())).findFirst();
            if (bytes.isPresent() && nodeCopies.writeTo(home, key, record.contentType(), bytes.get())) {
                holders.add(home);
                LOG.info(() -> "FGOBJ040: object " + key + " copied to its home " + home);
            }
        }
        if (holders.containsAll(homes)) {
            for (String holder : List.copyOf(holders)) {
                if (!homes.contains(holder) && nodeCopies.deleteFrom(holder, key).isPresent()) {
                    holders.remove(holder); // the stand-in's copy: the homes hold it now
                }
            }
        }
        List<String> nowHeld = List.copyOf(holders);
        if (!nowHeld.equals(record.holderList()) || !homes.equals(record.homeList())) {
            records.replace(key, recorded, record.heldBy(nowHeld, homes));
        }
    }

    private void resendDelete(ObjectRecord tombstone, byte[] recorded) {
        String key = ObjectRecords.tombstonedKey(tombstone);
        if (records.find(key).isPresent()) {
            records.remove(tombstone.key(), recorded); // written again since: the tombstone is void
            return;
        }
        List<String> pending = new ArrayList<>(tombstone.holderList());
        pending.removeIf(node -> nodeCopies.deleteFrom(node, key).isPresent());
        if (pending.isEmpty()) {
            records.remove(tombstone.key(), recorded);
        } else if (pending.size() < tombstone.holderList().size()) {
            records.replace(tombstone.key(), recorded, tombstone.heldBy(pending, List.of()));
        }
    }
}
