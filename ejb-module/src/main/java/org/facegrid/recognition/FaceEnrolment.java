package org.facegrid.recognition;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.facegrid.cluster.WriteGuard;
import org.facegrid.directory.PersonDirectory;
import org.facegrid.events.Event;
import org.facegrid.events.EventLog;
import org.facegrid.inference.Face;
import org.facegrid.inference.embedding.FaceEmbedder;
import org.facegrid.problem.InvalidInputException;
import org.facegrid.problem.NotFoundException;
import org.facegrid.problem.UnprocessableException;
import org.facegrid.storage.ObjectStore;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Enrolment: a person's faces, each a template (descriptor) matched by every node and an aligned 150x150
 * crop in the object store. An enrolment that fails leaves nothing behind: no slot, no crop, no template.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FaceEnrolment {
    @EJB
    FaceEngine engine;

    @EJB
    PersonDirectory directory;

    @Inject
    FaceRepository repository;

    @Inject
    ObjectStore objects;

    @Inject
    EventLog events;

    @Inject
    RequestTimings timings;

    @Inject
    WriteGuard writes;

    /**
     * Enrols the one face of the photo, or its largest when {@code pickLargest}.
     *
     * @throws NotFoundException no such person
     * @throws UnprocessableException no face, or several without {@code pickLargest}
     */
    public EnrolledFace enrol(String personId, byte[] image, boolean pickLargest) {
        writes.ensureWritable();
        directory.get(personId);
        // with pick=largest only that face is embedded; without, every face counts for the several-faces check
        List<Face> faces = engine.analyse(image, pickLargest ? 1 : Integer.MAX_VALUE);
        if (faces.isEmpty()) {
            throw new UnprocessableException("no_face", "no face was found in the image", List.of());
        }
        if (faces.size() > 1 && !pickLargest) {
            throw new UnprocessableException("several_faces", faces.size() + " faces were found in the image; send "
                    + "a photo of one face, or add ?pick=largest to enrol the largest",
                    faces.stream().map(f -> Map.of("x", fmt(f.box().x()), "y", fmt(f.box().y()),
                            "width", fmt(f.box().width()), "height", fmt(f.box().height()))).toList());
        }
        Face face = faces.get(0); // largest first
        long storeStart = System.nanoTime();
        String faceId = UUID.randomUUID().toString();
        int slot = repository.claimSlot(personId, faceId);
        String imageKey = "faces/" + personId + "/" + faceId + ".jpg";
        boolean stored = false;
        try {
            objects.put(imageKey, "image/jpeg", jpeg(face));
            FaceTemplate template = new FaceTemplate(faceId, personId, FaceTemplate.descriptorBytes(face.descriptor()),
                    face.box().x(), face.box().y(), face.box().width(), face.box().height(), face.score(),
                    face.quality(), imageKey, slot, System.currentTimeMillis(), FaceTemplate.SCHEMA_VERSION);
            repository.insert(template);
            stored = true;
            return EnrolledFace.of(template);
        } finally {
            if (!stored) {
                objects.delete(imageKey);
                repository.releaseSlot(personId, slot, faceId);
            }
            RequestTimings.add(timings, "store", System.nanoTime() - storeStart);
        }
    }

    /**
     * Adds templates from descriptors computed elsewhere (another FaceGrid, or any system running the same
     * dlib model): no photo, no crop. For migrations and for sizing galleries in benchmarks. Every descriptor
     * is checked before any is stored.
     *
     * @throws NotFoundException no such person
     * @throws org.facegrid.problem.InvalidInputException a descriptor that is not 128 finite numbers
     */
    public List<EnrolledFace> importTemplates(String personId, List<float[]> descriptors) {
        writes.ensureWritable();
        directory.get(personId);
        for (int d = 0; d < descriptors.size(); d++) {
            float[] descriptor = descriptors.get(d);
            if (descriptor.length != FaceEmbedder.DIMENSIONS) {
                throw InvalidInputException.of("descriptors[" + d + "]", "must hold " + FaceEmbedder.DIMENSIONS
                        + " numbers, not " + descriptor.length);
            }
            for (float v : descriptor) {
                if (!Float.isFinite(v)) {
                    throw InvalidInputException.of("descriptors[" + d + "]", "must hold finite numbers only");
                }
            }
        }
        List<EnrolledFace> imported = new java.util.ArrayList<>();
        for (float[] descriptor : descriptors) {
            String faceId = UUID.randomUUID().toString();
            int slot = repository.claimSlot(personId, faceId);
            FaceTemplate template = new FaceTemplate(faceId, personId, FaceTemplate.descriptorBytes(descriptor),
                    0, 0, 0, 0, 0, 0, null, slot, System.currentTimeMillis(), FaceTemplate.SCHEMA_VERSION);
            try {
                repository.insert(template);
            } catch (RuntimeException e) {
                repository.releaseSlot(personId, slot, faceId);
                throw e;
            }
            imported.add(EnrolledFace.of(template));
        }
        return imported;
    }

    /** @throws NotFoundException no such person */
    public List<EnrolledFace> faces(String personId) {
        directory.get(personId);
        return repository.facesOf(personId).stream().map(EnrolledFace::of).toList();
    }

    /** @throws NotFoundException no such person, or the face is not one of theirs */
    public void deleteFace(String personId, String faceId) {
        writes.ensureWritable();
        directory.get(personId);
        FaceTemplate template = repository.find(faceId).filter(t -> t.personId().equals(personId))
                .orElseThrow(() -> new NotFoundException("face", faceId));
        remove(template);
    }

    /** Deletes the person with every face template and face image, and with purgeEvents their events too. */
    public void deletePerson(String personId, boolean purgeEvents) {
        writes.ensureWritable();
        directory.get(personId);
        repository.facesOf(personId).forEach(this::remove);
        if (purgeEvents) {
            for (Event event : events.purgePerson(personId)) {
                if (event.imageKey() != null) {
                    objects.delete(event.imageKey());
                }
            }
        }
        directory.delete(personId);
    }

    private void remove(FaceTemplate template) {
        repository.remove(template);
        if (template.imageKey() != null) {
            objects.delete(template.imageKey());
        }
    }

    /** The face's aligned 150x150 crop as a JPEG. */
    static byte[] jpeg(Face face) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(face.chip(), "jpeg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the face crop", e);
        }
    }

    private static String fmt(float v) {
        return String.valueOf(Math.round(v));
    }
}
