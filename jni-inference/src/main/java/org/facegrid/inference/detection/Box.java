package org.facegrid.inference.detection;

/** An axis-aligned box in image pixels. */
public record Box(float x, float y, float width, float height) {
    public float area() {
        return Math.max(0f, width) * Math.max(0f, height);
    }

    /** The share of this box's area that lies inside the other box (0..1). */
    public float coveredBy(Box other) {
        float area = area();
        return area <= 0f ? 0f : intersection(other) / area;
    }

    public float iou(Box other) {
        float intersection = intersection(other);
        float union = area() + other.area() - intersection;
        return union <= 0f ? 0f : intersection / union;
    }

    private float intersection(Box other) {
        float ix = Math.max(0f, Math.min(x + width, other.x + other.width) - Math.max(x, other.x));
        float iy = Math.max(0f, Math.min(y + height, other.y + other.height) - Math.max(y, other.y));
        return ix * iy;
    }
}
