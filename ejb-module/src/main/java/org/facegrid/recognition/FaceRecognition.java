package org.facegrid.recognition;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.facegrid.cluster.NodeIdentity;
import org.facegrid.cluster.WriteGuard;
import org.facegrid.cluster.WriteQuorum;
import org.facegrid.directory.Person;
import org.facegrid.directory.PersonDirectory;
import org.facegrid.events.AlertWebhook;
import org.facegrid.events.Event;
import org.facegrid.events.EventFace;
import org.facegrid.events.EventJson;
import org.facegrid.events.EventLog;
import org.facegrid.events.WebhookDeliveries;
import org.facegrid.inference.Face;
import org.facegrid.inference.FacePipeline;
import org.facegrid.inference.detection.DetectedFace;
import org.facegrid.problem.NotFoundException;
import org.facegrid.problem.UnprocessableException;
import org.facegrid.storage.ObjectStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Recognition (1:N), verification (1:1) and detection. Stateless: any node answers, from its own gallery index.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FaceRecognition {
    private static final Logger LOG = Logger.getLogger(FaceRecognition.class.getName());

    @EJB
    FaceEngine engine;

    @EJB
    GalleryIndex gallery;

    @EJB
    PersonDirectory directory;

    @Inject
    FaceRepository faces;

    @Inject
    EventLog events;

    @Inject
    ObjectStore objects;

    @Inject
    AlertWebhook webhook;

    @Inject
    WebhookDeliveries deliveries;

    @Inject
    RequestTimings timings;

    @Inject
    WriteGuard writes;

    private final String node = NodeIdentity.fromSystemProperties().name();

    /**
     * What a recognition found, and the event it recorded (null when none was stored); {@code eventSkipped} says
     * why an event that was asked for was not stored (this side of the cluster may not write now).
     */
    public record Recognition(List<RecognizedFace> faces, String eventId, boolean alert, String eventSkipped) {
    }

    /**
     * Every face of the photo (largest first, at most maxFaces) with the persons it matches. With
     * {@code storeEvent} (by default: when a feed is named) the recognition is recorded as an event, with the
     * largest face's crop; a match (within the threshold) on a watchlist makes it an alert, sent to the webhook
     * if one is set.
     */
    public Recognition recognise(byte[] image, RecognitionOptions options, String feedId, Boolean storeEvent) {
        List<RecognizedFace> recognised = new ArrayList<>();
        for (Face face : engine.analyse(image, options.maxFaces())) {
            List<RecognizedFace.PersonMatch> matches = new ArrayList<>();
            long searchStart = System.nanoTime();
            List<GalleryIndex.GalleryMatch> nearest = gallery.nearestPersons(face.descriptor(), options.maxMatches());
            RequestTimings.add(timings, "search", System.nanoTime() - searchStart);
            for (GalleryIndex.GalleryMatch match : nearest) {
                if (match.distance() > options.threshold()) {
                    break;
                }
                Person person = person(match.personId());
                if (person != null) { // null: the person was deleted a moment ago
                    matches.add(new RecognizedFace.PersonMatch(match.personId(), person.name(), match.faceId(),
                            match.distance(), Math.max(0f, 1f - match.distance()), person.watchlists()));
                }
            }
            recognised.add(new RecognizedFace(face, matches));
        }
        boolean alert = recognised.stream().map(FaceRecognition::reported)
                .anyMatch(m -> m != null && !m.watchlists().isEmpty());
        if (!(storeEvent == null ? feedId != null : storeEvent)) {
            return new Recognition(recognised, null, alert, null);
        }
        WriteQuorum.Decision writable = writes.decide();
        if (!writable.writable()) { // recognition goes on; the event cannot be kept on this side
            return new Recognition(recognised, null, alert, writable.reason());
        }
        Event event = record(recognised, feedId, alert);
        if (alert) {
            webhook.url().ifPresent(url -> sendAlert(url, event));
        }
        return new Recognition(recognised, event.id(), alert, null);
    }

    /**
     * Hands the alert to the webhook's retrying, asynchronous delivery; its attempts and outcome are recorded
     * ({@link WebhookDeliveries}), and a final failure is logged too.
     */
    private void sendAlert(String url, Event event) {
        String delivery = deliveries.begin(event.id(), url);
        try {
            webhook.deliver(delivery, url, EventJson.write(event).toString()).whenComplete((status, e) -> {
                deliveries.ended(delivery, e == null ? WebhookDeliveries.Status.DELIVERED : WebhookDeliveries.Status.FAILED);
                if (e != null) {
                    LOG.warning(() -> "FGEVT001: alert " + event.id() + " could not be delivered to " + url + ": " + e);
                }
            });
        } catch (IOException e) {
            deliveries.ended(delivery, WebhookDeliveries.Status.FAILED);
            LOG.warning(() -> "FGEVT001: alert " + event.id() + " could not be delivered to " + url + ": " + e);
        }
    }

    /**
     * The match an event records for a face: the nearest watchlisted person among its matches (so an alert
     * names who raised it), else the nearest person; null for an unknown face.
     */
    private static RecognizedFace.PersonMatch reported(RecognizedFace face) {
        return face.matches().stream().filter(m -> !m.watchlists().isEmpty()).findFirst()
                .orElse(face.matches().isEmpty() ? null : face.matches().get(0));
    }

    private Event record(List<RecognizedFace> recognised, String feedId, boolean alert) {
        long now = System.currentTimeMillis();
        String id = EventLog.newId(now);
        List<EventFace> faces = new ArrayList<>();
        for (RecognizedFace r : recognised) {
            Face f = r.face();
            RecognizedFace.PersonMatch best = reported(r);
            faces.add(new EventFace(f.box().x(), f.box().y(), f.box().width(), f.box().height(), f.score(),
                    best == null ? null : best.personId(), best == null ? null : best.name(),
                    best == null ? 0f : best.distance(), best == null ? List.of() : best.watchlists()));
        }
        String imageKey = null;
        if (!recognised.isEmpty()) {
            imageKey = Event.imageKeyOf(id);
            objects.put(imageKey, "image/jpeg", FaceEnrolment.jpeg(recognised.get(0).face()));
        }
        Event event = new Event(id, now, node, feedId, faces, alert, imageKey, Event.SCHEMA_VERSION);
        events.record(event);
        return event;
    }

    /**
     * 1:1 - is the largest face of {@code probe} the same person as the largest face of {@code other}?
     *
     * @throws UnprocessableException when either image has no face
     */
    public Verification verify(byte[] probe, byte[] other, float threshold) {
        float[] a = largestFace(probe, "image").descriptor();
        float[] b = largestFace(other, "image2").descriptor();
        return Verification.of(FacePipeline.distance(a, b), threshold, null);
    }

    /**
     * 1:1 against a person: the largest face of {@code probe} against the nearest of the person's enrolled faces.
     *
     * @throws NotFoundException no such person
     * @throws UnprocessableException no face in the image, or none enrolled for the person
     */
    public Verification verify(byte[] probe, String personId, float threshold) {
        directory.get(personId);
        List<FaceTemplate> enrolled = faces.facesOf(personId);
        if (enrolled.isEmpty()) {
            throw new UnprocessableException("no_enrolled_face", "person " + personId + " has no enrolled face",
                    List.of(Map.of("personId", personId)));
        }
        float[] a = largestFace(probe, "image").descriptor();
        FaceTemplate nearest = null;
        float best = Float.MAX_VALUE;
        for (FaceTemplate template : enrolled) {
            float d = FacePipeline.distance(a, template.descriptor());
            if (d < best) {
                best = d;
                nearest = template;
            }
        }
        return Verification.of(best, threshold, nearest.faceId());
    }

    private Face largestFace(byte[] image, String field) {
        List<Face> found = engine.analyse(image, 1);
        if (found.isEmpty()) {
            throw new UnprocessableException("no_face", "no face was found in " + field,
                    List.of(Map.of("field", field)));
        }
        return found.get(0);
    }

    /** The faces of the photo, largest first, at most maxFaces; detection only, nothing is embedded. */
    public List<DetectedFace> detect(byte[] image, int maxFaces) {
        List<DetectedFace> faces = engine.detect(image);
        return faces.size() > maxFaces ? faces.subList(0, maxFaces) : faces;
    }

    private Person person(String personId) {
        try {
            return directory.get(personId);
        } catch (NotFoundException e) {
            return null;
        }
    }
}
