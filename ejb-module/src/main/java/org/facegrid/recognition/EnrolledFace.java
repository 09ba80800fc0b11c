package org.facegrid.recognition;

/** An enrolled face as the API shows it. */
public record EnrolledFace(String faceId, String personId, float x, float y, float width, float height, float score,
                           float quality, String imageKey, long createdAt) {
    static EnrolledFace of(FaceTemplate t) {
        return new EnrolledFace(t.faceId(), t.personId(), t.x(), t.y(), t.width(), t.height(), t.score(), t.quality(),
                t.imageKey(), t.createdAt());
    }
}
