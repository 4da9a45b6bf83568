package fr.essor.territory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * SIRENE's projected coordinates land where they should: checked against the projection's own
 * origin and against the inverse Lambert conformal conic computed here from IGN's published formulas
 * (an implementation independent of the library's).
 */
class PositionsTests {

    /** Distance in metres between two WGS 84 points (haversine, mean Earth radius). */
    private static double metres(double lat1, double lon1, double lat2, double lon2) {
        double r = 6_371_008.8;
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * r * Math.asin(Math.sqrt(a));
    }

    /** Inverse Lambert-93 after IGN's algorithms (ALG0004, ALG0002), on GRS80. */
    private static double[] inverseLambert93(double x, double y) {
        double a = 6_378_137.0;
        double e = Math.sqrt(0.006_694_380_022_90);
        double phi1 = Math.toRadians(49);
        double phi2 = Math.toRadians(44);
        double phi0 = Math.toRadians(46.5);
        double lambda0 = Math.toRadians(3);
        java.util.function.DoubleUnaryOperator m = p -> Math.cos(p) / Math.sqrt(1 - e * e * Math.sin(p) * Math.sin(p));
        java.util.function.DoubleUnaryOperator t =
                p -> Math.tan(Math.PI / 4 - p / 2) / Math.pow((1 - e * Math.sin(p)) / (1 + e * Math.sin(p)), e / 2);
        double n = (Math.log(m.applyAsDouble(phi1)) - Math.log(m.applyAsDouble(phi2)))
                / (Math.log(t.applyAsDouble(phi1)) - Math.log(t.applyAsDouble(phi2)));
        double f = m.applyAsDouble(phi1) / (n * Math.pow(t.applyAsDouble(phi1), n));
        double rho0 = a * f * Math.pow(t.applyAsDouble(phi0), n);
        double dx = x - 700_000;
        double dy = rho0 - (y - 6_600_000);
        double rho = Math.signum(n) * Math.sqrt(dx * dx + dy * dy);
        double tt = Math.pow(rho / (a * f), 1 / n);
        double lambda = lambda0 + Math.atan2(dx, dy) / n;
        double phi = Math.PI / 2 - 2 * Math.atan(tt);
        for (int i = 0; i < 20; i++) {
            phi = Math.PI / 2 - 2 * Math.atan(tt * Math.pow((1 - e * Math.sin(phi)) / (1 + e * Math.sin(phi)), e / 2));
        }
        return new double[] {Math.toDegrees(phi), Math.toDegrees(lambda)};
    }

    @Test
    void theOriginOfLambert93IsAt46Point5North3East() {
        var p = Positions.toWgs84(700_000, 6_600_000, 2154).orElseThrow();
        assertThat(metres(p.latitude(), p.longitude(), 46.5, 3.0)).isLessThan(0.01);
    }

    @Test
    void pointsAcrossFranceLandWithinAFewCentimetresOfTheIndependentFormula() {
        double[][] points = {
            {574_000, 6_280_000}, // Toulouse
            {770_000, 6_280_000}, // Montpellier
            {652_000, 6_862_000}, // Paris
            {1_050_000, 6_300_000}, // Nice
            {150_000, 6_830_000}, // Brest
            {1_200_000, 6_150_000} // Corse
        };
        for (double[] xy : points) {
            var p = Positions.toWgs84(xy[0], xy[1], 2154).orElseThrow();
            double[] expected = inverseLambert93(xy[0], xy[1]);
            assertThat(metres(p.latitude(), p.longitude(), expected[0], expected[1]))
                    .as("%s", java.util.Arrays.toString(xy))
                    .isLessThan(0.05);
        }
        var toulouse = Positions.toWgs84(574_000, 6_280_000, 2154).orElseThrow();
        assertThat(toulouse.latitude()).isBetween(43.5, 43.7);
        assertThat(toulouse.longitude()).isBetween(1.3, 1.6);
    }

    @Test
    void overseasCoordinatesUseTheirOwnProjection() {
        // Saint-Denis de La Réunion, about 20.88 S 55.45 E
        var reunion = Positions.toWgs84(338_500, 7_690_500, 2975).orElseThrow();
        assertThat(reunion.latitude()).isBetween(-21.0, -20.8);
        assertThat(reunion.longitude()).isBetween(55.3, 55.6);
        // Cayenne, about 4.94 N 52.33 W
        var cayenne = Positions.toWgs84(352_500, 546_000, 2972).orElseThrow();
        assertThat(cayenne.latitude()).isBetween(4.8, 5.1);
        assertThat(cayenne.longitude()).isBetween(-52.5, -52.2);
    }

    @Test
    void unknownProjectionsAndMissingCoordinatesGiveNoPosition() {
        assertThat(Positions.toWgs84(700_000, 6_600_000, 4326)).isEmpty();
        assertThat(Positions.toWgs84(Double.NaN, 6_600_000, 2154)).isEmpty();
        assertThat(Positions.toWgs84(700_000, Double.POSITIVE_INFINITY, 2154)).isEmpty();
    }

    @Test
    void projectingAPointAndBackLandsWithinACentimetre() {
        for (int epsg : Positions.projections()) {
            double lat = epsg == 2154
                    ? 43.6086
                    : epsg == 2975 ? -21.1151 : epsg == 4471 ? -12.7806 : epsg == 2972 ? 4.9372 : 16.2411;
            double lon = epsg == 2154
                    ? 3.8798
                    : epsg == 2975 ? 55.5364 : epsg == 4471 ? 45.2279 : epsg == 2972 ? -52.326 : -61.5331;
            double[] xy = Positions.toProjected(lat, lon, epsg).orElseThrow();
            var back = Positions.toWgs84(xy[0], xy[1], epsg).orElseThrow();
            assertThat(metres(back.latitude(), back.longitude(), lat, lon))
                    .as("EPSG %d", epsg)
                    .isLessThan(0.01);
        }
        assertThat(Positions.toProjected(43.6, 3.9, 4326)).isEmpty();
    }
}
