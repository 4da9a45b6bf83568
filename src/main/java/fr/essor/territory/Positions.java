package fr.essor.territory;

import java.util.Map;
import java.util.Optional;

import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Converts the projected coordinates SIRENE gives an establishment (Lambert-93 in metropolitan France,
 * UTM in the overseas départements) to latitude and longitude (WGS 84), with proj4j. The French
 * geodetic systems of these projections (RGF93, RGAF09, RGFG95, RGR92, RGM04) agree with WGS 84 to
 * within a few centimetres, so no datum shift is applied.
 */
public final class Positions {

    /** A point in degrees (WGS 84). */
    public record LatLon(double latitude, double longitude) {}

    /** The projections SIRENE uses, by EPSG code. */
    private static final Map<Integer, String> PROJECTIONS = Map.of(
            2154,
            "+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +units=m +no_defs",
            // Guadeloupe, Martinique (RGAF09 / UTM 20 N)
            5490,
            "+proj=utm +zone=20 +ellps=GRS80 +units=m +no_defs",
            // Guyane (RGFG95 / UTM 22 N)
            2972,
            "+proj=utm +zone=22 +ellps=GRS80 +units=m +no_defs",
            // La Réunion (RGR92 / UTM 40 S)
            2975,
            "+proj=utm +zone=40 +south +ellps=GRS80 +units=m +no_defs",
            // Mayotte (RGM04 / UTM 38 S)
            4471,
            "+proj=utm +zone=38 +south +ellps=GRS80 +units=m +no_defs");

    private static final CRSFactory CRS = new CRSFactory();
    private static final CoordinateReferenceSystem WGS84 =
            CRS.createFromParameters("WGS84", "+proj=longlat +ellps=GRS80 +no_defs");
    private static final Map<Integer, CoordinateReferenceSystem> SYSTEMS = Map.copyOf(PROJECTIONS.entrySet().stream()
            .collect(java.util.stream.Collectors.toMap(
                    Map.Entry::getKey, e -> CRS.createFromParameters("EPSG:" + e.getKey(), e.getValue()))));

    private Positions() {}

    /** The EPSG codes {@link #toWgs84} knows. */
    public static java.util.Set<Integer> projections() {
        return PROJECTIONS.keySet();
    }

    /**
     * The position of projected coordinates, or empty for an unknown projection, a missing or
     * non-finite coordinate, or a result outside the Earth's range.
     *
     * @param epsg the projection's EPSG code ({@code 2154} for Lambert-93)
     */
    public static Optional<LatLon> toWgs84(double x, double y, int epsg) {
        CoordinateReferenceSystem from = SYSTEMS.get(epsg);
        if (from == null || !Double.isFinite(x) || !Double.isFinite(y)) {
            return Optional.empty();
        }
        // a transform keeps state: one per call (they are cheap) keeps this safe across threads
        CoordinateTransform transform = new CoordinateTransformFactory().createTransform(from, WGS84);
        ProjCoordinate out = new ProjCoordinate();
        try {
            transform.transform(new ProjCoordinate(x, y), out);
        } catch (RuntimeException ex) {
            return Optional.empty();
        }
        if (!Double.isFinite(out.x) || !Double.isFinite(out.y) || Math.abs(out.y) > 90 || Math.abs(out.x) > 180) {
            return Optional.empty();
        }
        return Optional.of(new LatLon(out.y, out.x));
    }

    /**
     * The projected coordinates (x east, y north, in metres) of a point, the inverse of {@link #toWgs84};
     * empty for an unknown projection or a point it cannot project.
     */
    public static Optional<double[]> toProjected(double latitude, double longitude, int epsg) {
        CoordinateReferenceSystem to = SYSTEMS.get(epsg);
        if (to == null || !Double.isFinite(latitude) || !Double.isFinite(longitude)) {
            return Optional.empty();
        }
        CoordinateTransform transform = new CoordinateTransformFactory().createTransform(WGS84, to);
        ProjCoordinate out = new ProjCoordinate();
        try {
            transform.transform(new ProjCoordinate(longitude, latitude), out);
        } catch (RuntimeException ex) {
            return Optional.empty();
        }
        return Double.isFinite(out.x) && Double.isFinite(out.y)
                ? Optional.of(new double[] {out.x, out.y})
                : Optional.empty();
    }
}
