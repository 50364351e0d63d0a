package cn.hpf.mobile.outlet;

import cn.hpf.mobile.common.ApiException;
import java.util.regex.Pattern;

/** Where the caller is, in decimal degrees (WGS-84 as phones report it). */
public record GeoPoint(double lat, double lng) {

    /** Plain decimal degrees only: Java's parser would also take "NaN", "1e2", "0x1p3" or "5d". */
    private static final Pattern DEGREES = Pattern.compile("[+-]?\\d{1,3}(\\.\\d{1,15})?");

    /**
     * The point of the {@code lat} and {@code lng} query parameters, or null when both are absent; 400 naming the
     * field when one is missing, not a decimal number or out of range.
     */
    public static GeoPoint of(String lat, String lng) {
        boolean hasLat = lat != null && !lat.isBlank();
        boolean hasLng = lng != null && !lng.isBlank();
        if (!hasLat && !hasLng) {
            return null;
        }
        if (!hasLng) {
            throw ApiException.invalidField("lng", "lng is required with lat: give both or neither.");
        }
        if (!hasLat) {
            throw ApiException.invalidField("lat", "lat is required with lng: give both or neither.");
        }
        return new GeoPoint(degrees(lat, "lat", 90), degrees(lng, "lng", 180));
    }

    private static double degrees(String raw, String field, int limit) {
        String message = field + " must be a decimal number of degrees between -" + limit + " and " + limit + ".";
        String text = raw.trim();
        if (!DEGREES.matcher(text).matches()) {
            throw ApiException.invalidField(field, message);
        }
        double value = Double.parseDouble(text);
        if (value < -limit || value > limit) {
            throw ApiException.invalidField(field, message);
        }
        return value;
    }
}
