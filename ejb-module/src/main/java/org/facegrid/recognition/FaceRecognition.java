package org.facegrid.recognition;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.facegrid.directory.Person;
import org.facegrid.directory.PersonDirectory;
import org.facegrid.inference.Face;
import org.facegrid.problem.NotFoundException;

import java.util.ArrayList;
import java.util.List;

/**
 * Recognition and detection. Stateless: any node answers, from its own gallery index.
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
