package org.facegrid.api;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.facegrid.inference.Face;
import org.facegrid.inference.FacePipeline;
import org.facegrid.inference.detection.Box;
import org.facegrid.inference.detection.DetectedFace;
import org.facegrid.inference.detection.Point;
import org.facegrid.json.JsonFactory;
import org.facegrid.recognition.EnrolledFace;
import org.facegrid.recognition.FaceRecognition;
import org.facegrid.recognition.RecognizedFace;
import org.facegrid.recognition.Verification;

import java.util.List;

/** Faces, enrolled faces and recognitions as JSON. Coordinates are pixels of the (EXIF-rotated) photo. */
final class FaceJson {
    private FaceJson() {
    }

    static JsonObject enrolled(EnrolledFace face) {
        return JsonFactory.createObjectBuilder()
                .add("faceId", face.faceId())
                .add("personId", face.personId())
                .add("box", box(face.x(), face.y(), face.width(), face.height()))
                .add("score", round(face.score()))
                .add("quality", round(face.quality()))
                .add("imageKey", face.imageKey() == null ? JsonValue.NULL : JsonFactory.createValue(face.imageKey()))
                .add("createdAt", JsonFactory.instant(face.createdAt()))
                .build();
    }

    static JsonObject enrolledList(List<EnrolledFace> faces) {
        JsonArrayBuilder list = JsonFactory.createArrayBuilder();
        faces.forEach(f -> list.add(enrolled(f)));
        return JsonFactory.createObjectBuilder().add("items", list).build();
    }

    static JsonObjectBuilder detected(Box b, List<Point> points, float score, float quality) {
        JsonArrayBuilder keypoints = JsonFactory.createArrayBuilder();
        String[] names = {"rightEye", "leftEye", "nose", "mouth", "rightEar", "leftEar"};
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            keypoints.add(JsonFactory.createObjectBuilder().add("name", names[i]).add("x", round(p.x())).add("y", round(p.y())));
        }
        return JsonFactory.createObjectBuilder()
                .add("box", box(b.x(), b.y(), b.width(), b.height()))
                .add("keypoints", keypoints)
                .add("score", round(score))
                .add("quality", round(quality));
    }

    static JsonObject detections(List<DetectedFace> faces) {
        JsonArrayBuilder list = JsonFactory.createArrayBuilder();
        faces.forEach(f -> list.add(detected(f.box(), f.keypoints(), f.score(), FacePipeline.quality(f))));
        return JsonFactory.createObjectBuilder().add("faces", list).build();
    }

    static JsonObject recognitions(FaceRecognition.Recognition recognition) {
        JsonArrayBuilder list = JsonFactory.createArrayBuilder();
        for (RecognizedFace face : recognition.faces()) {
            JsonArrayBuilder matches = JsonFactory.createArrayBuilder();
            for (RecognizedFace.PersonMatch m : face.matches()) {
                matches.add(JsonFactory.createObjectBuilder()
                        .add("personId", m.personId())
                        .add("name", m.name())
                        .add("faceId", m.faceId())
                        .add("distance", round(m.distance()))
                        .add("similarity", round(m.similarity()))
                        .add("watchlists", JsonFactory.createArrayBuilder(m.watchlists())));
            }
            Face f = face.face();
            list.add(detected(f.box(), f.keypoints(), f.score(), f.quality()).add("unknown", face.unknown())
                    .add("matches", matches));
        }
        JsonObjectBuilder json = JsonFactory.createObjectBuilder().add("faces", list).add("alert", recognition.alert());
        if (recognition.eventId() == null) {
            json.addNull("eventId");
        } else {
            json.add("eventId", recognition.eventId());
        }
        if (recognition.eventSkipped() != null) {
            json.add("eventSkipped", recognition.eventSkipped());
        }
        return json.build();
    }

    static JsonObject verification(Verification result, String personId) {
        JsonObjectBuilder json = JsonFactory.createObjectBuilder()
                .add("match", result.match())
                .add("distance", round(result.distance()))
                .add("similarity", round(result.similarity()))
                .add("threshold", round(result.threshold()));
        if (result.faceId() != null) {
            json.add("personId", personId).add("faceId", result.faceId());
        }
        return json.build();
    }

    private static JsonObjectBuilder box(float x, float y, float width, float height) {
        return JsonFactory.createObjectBuilder().add("x", round(x)).add("y", round(y)).add("width", round(width))
                .add("height", round(height));
    }

    /** Four decimals: more would only be noise. */
    private static double round(float v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
