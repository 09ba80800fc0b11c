package org.facegrid.recognition;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.facegrid.directory.Person;
import org.facegrid.directory.PersonDirectory;
import jakarta.inject.Inject;
import org.facegrid.inference.Face;
import org.facegrid.inference.FacePipeline;
import org.facegrid.problem.NotFoundException;
import org.facegrid.problem.UnprocessableException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Recognition (1:N), verification (1:1) and detection. Stateless: any node answers, from its own gallery index.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FaceRecognition {
    @EJB
    FaceEngine engine;

    @EJB
    GalleryIndex gallery;

    @EJB
    PersonDirectory directory;

    @Inject
    FaceRepository faces;

    /** Every face of the photo (largest first, at most maxFaces) with the persons it matches. */
    public List<RecognizedFace> recognise(byte[] image, RecognitionOptions options) {
        List<RecognizedFace> recognised = new ArrayList<>();
        for (Face face : detect(image, options.maxFaces())) {
            List<RecognizedFace.PersonMatch> matches = new ArrayList<>();
            for (GalleryIndex.GalleryMatch match : gallery.nearestPersons(face.descriptor(), options.maxMatches())) {
                if (match.distance() > options.threshold()) {
                    break;
                }
                String name = name(match.personId());
                if (name != null) { // null: the person was deleted a moment ago
                    matches.add(new RecognizedFace.PersonMatch(match.personId(), name, match.faceId(),
                            match.distance(), Math.max(0f, 1f - match.distance())));
                }
            }
            recognised.add(new RecognizedFace(face, matches));
        }
        return recognised;
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
        List<Face> found = engine.analyse(image);
        if (found.isEmpty()) {
            throw new UnprocessableException("no_face", "no face was found in " + field,
                    List.of(Map.of("field", field)));
        }
        return found.get(0);
    }

    /** The faces of the photo, largest first, at most maxFaces. */
    public List<Face> detect(byte[] image, int maxFaces) {
        List<Face> faces = engine.analyse(image);
        return faces.size() > maxFaces ? faces.subList(0, maxFaces) : faces;
    }

    private String name(String personId) {
        try {
            Person person = directory.get(personId);
            return person.name();
        } catch (NotFoundException e) {
            return null;
        }
    }
}
