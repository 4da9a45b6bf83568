package fr.essor.observatory.generator;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes synthetic SIRENE stock files in the exact format of INSEE's {@code StockUniteLegale_utf8.csv} and
 * {@code StockEtablissement_utf8.csv}: the same 35 and 54 columns in the same order, UTF-8, commas, {@code \n},
 * RFC 4180 quoting only where a field needs it; optionally each zipped alone, as INSEE ships them. The output
 * is a function of the seed, the scale and the communes only (byte-identical from one run to the next), at
 * any scale up to the national one (1.0 = 30 million legal units, about 44 million establishments). Rows are
 * written as they are drawn, sorted by siren then nic, in a few megabytes of memory whatever the scale.
 *
 * <p><b>What is realistic.</b> The mix of legal categories (56 % sole traders, companies, civil property
 * companies, 6.6 % associations, two thousandths of cooperatives, mutuelles, fondations, public bodies,
 * co-ownerships); active units (60 %) and establishments (about 40 %); establishments per unit (mostly one,
 * a long tail for companies, associations, cooperative banks and public bodies); moved head offices whose
 * old addresses are closed; the ESS flag (about 1.16 million {@code O} nationally, 96 % of them
 * associations, then cooperatives, mutuelles, fondations and a few SAS/SARL); real NAF rév. 2 sub-classes by
 * kind of unit; headcount bands by kind and activity, tuned so that the ESS (its legal families and flagged
 * units, less divisions 84 and 94.11Z, 94.20Z, 94.91Z, 94.92Z) carries about 12 % of the employment estimated
 * from band midpoints outside division 84, with about 210,000 ESS employer establishments and 2.5 million
 * ESS employees nationally; places weighted by the population of the communes given, Paris, Lyon and
 * Marseille split into arrondissements, a unit's establishments mostly in its head office's département, a
 * few addresses abroad; Luhn-valid sirens and sirets; partial diffusion ({@code P}) with masked names and
 * addresses; dates that follow each other (creation, moves, closures, last processing).
 *
 * <p><b>What is not.</b> Names, streets and commune labels ({@code COMMUNE 34172}) are placeholders; postal
 * codes are the département and three digits (exact only for the arrondissements); Lambert coordinates
 * fall within 3 km of their commune's point when the commune's point is given (noise otherwise), address
 * identifiers are noise; the NAF 2025 column turns a sub-class {@code Z} into {@code Y};
 * unit bands are derived from their establishments; activity does not depend on place, nor anything on
 * history beyond period counts.
 */
public final class SireneGenerator {

    /** A current commune (INSEE code) and its population, the weight with which places are drawn. */
    /** A commune to draw places from, with its point (WGS 84) when known. */
    public record Place(String code, int population, Double latitude, Double longitude) {

        public Place(String code, int population) {
            this(code, population, null, null);
        }
    }

    /** Seed, share of the national scale (1.0 = 30 million units) and whether to zip each file. */
    public record Options(long seed, double scale, boolean zip) {}

    /** What was written. */
    public record Result(long units, long establishments, Path unitsFile, Path establishmentsFile) {}

    public static final List<String> UNIT_HEADERS = List.of(("siren,statutDiffusionUniteLegale,"
                    + "unitePurgeeUniteLegale,dateCreationUniteLegale,sigleUniteLegale,sexeUniteLegale,prenom1UniteLegale,"
                    + "prenom2UniteLegale,prenom3UniteLegale,prenom4UniteLegale,prenomUsuelUniteLegale,pseudonymeUniteLegale,"
                    + "identifiantAssociationUniteLegale,trancheEffectifsUniteLegale,anneeEffectifsUniteLegale,"
                    + "dateDernierTraitementUniteLegale,nombrePeriodesUniteLegale,categorieEntreprise,anneeCategorieEntreprise,"
                    + "dateDebut,etatAdministratifUniteLegale,nomUniteLegale,nomUsageUniteLegale,denominationUniteLegale,"
                    + "denominationUsuelle1UniteLegale,denominationUsuelle2UniteLegale,denominationUsuelle3UniteLegale,"
                    + "categorieJuridiqueUniteLegale,activitePrincipaleUniteLegale,nomenclatureActivitePrincipaleUniteLegale,"
                    + "nicSiegeUniteLegale,economieSocialeSolidaireUniteLegale,societeMissionUniteLegale,"
                    + "caractereEmployeurUniteLegale,activitePrincipaleNAF25UniteLegale")
            .split(","));

    public static final List<String> ESTABLISHMENT_HEADERS = List.of(("siren,nic,siret,statutDiffusionEtablissement,"
                    + "dateCreationEtablissement,trancheEffectifsEtablissement,anneeEffectifsEtablissement,"
                    + "activitePrincipaleRegistreMetiersEtablissement,dateDernierTraitementEtablissement,etablissementSiege,"
                    + "nombrePeriodesEtablissement,complementAdresseEtablissement,numeroVoieEtablissement,"
                    + "indiceRepetitionEtablissement,dernierNumeroVoieEtablissement,"
                    + "indiceRepetitionDernierNumeroVoieEtablissement,typeVoieEtablissement,libelleVoieEtablissement,"
                    + "codePostalEtablissement,libelleCommuneEtablissement,libelleCommuneEtrangerEtablissement,"
                    + "distributionSpecialeEtablissement,codeCommuneEtablissement,codeCedexEtablissement,"
                    + "libelleCedexEtablissement,codePaysEtrangerEtablissement,libellePaysEtrangerEtablissement,"
                    + "identifiantAdresseEtablissement,coordonneeLambertAbscisseEtablissement,"
                    + "coordonneeLambertOrdonneeEtablissement,complementAdresse2Etablissement,numeroVoie2Etablissement,"
                    + "indiceRepetition2Etablissement,typeVoie2Etablissement,libelleVoie2Etablissement,codePostal2Etablissement,"
                    + "libelleCommune2Etablissement,libelleCommuneEtranger2Etablissement,distributionSpeciale2Etablissement,"
                    + "codeCommune2Etablissement,codeCedex2Etablissement,libelleCedex2Etablissement,"
                    + "codePaysEtranger2Etablissement,libellePaysEtranger2Etablissement,dateDebut,etatAdministratifEtablissement,"
                    + "enseigne1Etablissement,enseigne2Etablissement,enseigne3Etablissement,denominationUsuelleEtablissement,"
                    + "activitePrincipaleEtablissement,nomenclatureActivitePrincipaleEtablissement,"
                    + "caractereEmployeurEtablissement,activitePrincipaleNAF25Etablissement")
            .split(","));

    private static final long NATIONAL_UNITS = 30_000_000L;
    private static final long SIREN_LOW = 30_000_000L, SIREN_SPAN = 70_000_000L; // 8-digit bases, Luhn key added
    private static final int MAX_EXTRA = 3000;

    // ---------------------------------------------------------------- dates: day 0 = 1950-01-01
    private static final long EPOCH = LocalDate.of(1950, 1, 1).toEpochDay();
    private static final int D2005 = day(2005, 1, 1),
            D2009 = day(2009, 1, 1),
            D2018 = day(2018, 1, 1),
            REPROCESSED = day(2024, 3, 22),
            LAST = day(2026, 10, 31);
    /** Month and day for each day of a common year (0-364), then of a leap year (365-730). */
    private static final byte[] MONTH_OF = new byte[731], DAY_OF = new byte[731];
    /** Periods beyond the first: geometric, each further one with probability 0.38. */
    private static final byte[] MORE_PERIODS = new byte[4096];

    private static final byte[] PAIRS = new byte[200];

    static {
        for (int doy = 0; doy < 731; doy++) {
            LocalDate d = doy < 365 ? LocalDate.ofYearDay(1951, doy + 1) : LocalDate.ofYearDay(1952, doy - 364);
            MONTH_OF[doy] = (byte) d.getMonthValue();
            DAY_OF[doy] = (byte) d.getDayOfMonth();
        }
        for (int i = 0; i < MORE_PERIODS.length; i++) {
            for (double q = (i + 0.5) / MORE_PERIODS.length, p = 0.38; q < p; p *= 0.38) MORE_PERIODS[i]++;
        }
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private static int day(int y, int m, int d) {
        return (int) (LocalDate.of(y, m, d).toEpochDay() - EPOCH);
    }

    // ---------------------------------------------------------------- headcount bands
    private static final int NN = 0, NONE = 1, ZERO = 2, FIRST_EMPLOYER = 3;
    private static final byte[][] BAND = words("NN _ 00 01 02 03 11 12 21 22 31 32 41 42 51 52 53");
    private static final double[] MIDPOINT = {
        0, 0, 0, 1.5, 4, 7.5, 14.5, 34.5, 74.5, 149.5, 224.5, 374.5, 749.5, 1499.5, 3499.5, 7499.5, 10000
    };
    private static final int[] BAND_FLOOR = {0, 0, 0, 1, 3, 6, 10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000};
    // weights of the employer bands          01      02      03      11     12     21     22    31    32   41   42  51
    // 52 53
    private static final Table SMALL = new Table(550000, 270000, 105000, 50000, 20000, 4000, 1000),
            COMPANY = new Table(499627, 215000, 105000, 88000, 62000, 19000, 8500, 1500, 900, 330, 100, 35, 6, 2),
            ESS = new Table(360000, 270000, 150000, 110000, 75000, 23000, 8500, 2000, 1200, 250, 50),
            LARGE =
                    new Table(
                            150000, 200000, 180000, 170000, 160000, 70000, 40000, 12000, 10000, 5000, 2000, 800, 150,
                            50);
    // the ESS families' larger units (mutuelles, fondations, cooperative banks): no band beyond 42, less luck at small
    // scales
    private static final Table ESS_LARGE =
            new Table(150000, 200000, 180000, 170000, 160000, 80000, 40000, 12000, 6000, 1500, 300);

    // extra establishments per unit, weights of the buckets 0, 1, 2, 3, 4-9, 10-49, 50-499, 500-3000
    private static final int[] EXTRA_LOW = {0, 1, 2, 3, 4, 10, 50, 500},
            EXTRA_HIGH = {0, 1, 2, 3, 9, 49, 499, MAX_EXTRA};
    private static final int[] SMALL_TAIL = {78500, 15000, 4500, 1200, 800, 0, 0, 0},
            FIRM_TAIL = {69000, 19000, 6500, 2500, 2400, 540, 58, 2},
            FEW = {96000, 3000, 800, 200, 0, 0, 0, 0},
            ASSOC_TAIL = {79740, 10000, 4000, 2200, 3100, 900, 60, 0},
            MEDIUM = {70000, 12000, 6000, 4000, 6000, 1800, 200, 0},
            WIDE = {45000, 18000, 9000, 6000, 14000, 7000, 1000, 0};

    // ---------------------------------------------------------------- activities: NAF rév. 2 code:weight[:employer
    // factor in tenths]
    private static final Pool
            SOLE_ACT =
                    new Pool(
                            "49.32Z:30 53.20Z:25 43.21A:15 43.22A:10 43.22B:8 43.31Z:10 "
                                    + "43.32A:12 43.34Z:12 43.39Z:8 43.99C:15 45.20A:8 47.91B:30 47.89Z:20 47.82Z:8 47.81Z:6 56.10A:10 "
                                    + "56.10C:18 56.30Z:8 62.01Z:20 62.02A:25 70.22Z:40 73.11Z:10 74.10Z:25 74.20Z:12 74.90B:40 81.21Z:12 "
                                    + "81.30Z:14 85.59A:15 85.59B:25 85.51Z:12 86.21Z:12 86.22C:6 86.23Z:5 86.90D:15 86.90E:10 86.90F:18 "
                                    + "88.91A:8 90.01Z:15 90.03A:12 90.03B:10 93.13Z:5 93.19Z:6 96.02A:18:20 96.02B:15 96.04Z:6 96.09Z:30 "
                                    + "01.11Z:20 01.21Z:8 01.41Z:6 01.50Z:6 68.20A:50:1 68.20B:20:1 68.31Z:12 69.10Z:5:20 71.11Z:6 "
                                    + "71.12B:8 10.71C:4:30 47.73Z:2:30 47.76Z:3 95.29Z:5 59.11B:3 66.19B:3 82.99Z:15 49.41A:5 80.10Z:3 85.53Z:3"),
            COMPANY_ACT =
                    new Pool("70.10Z:60:4 64.20Z:30:3 41.20A:20:6 41.10A:10:4 43.21A:15:15 43.22A:12:15 43.31Z:8 "
                            + "43.32A:8 43.99C:15:12 43.12A:6:15 45.11Z:12:15 45.20A:15:15 46.90Z:20 46.19B:10:6 46.69B:8:15 "
                            + "47.11B:6:20 47.11D:4:30 47.11F:1:40 47.71Z:15 47.19B:10 47.30Z:4:20 47.26Z:3 47.91A:6 47.91B:10:5 "
                            + "56.10A:35:15 56.10C:15:15 56.30Z:15 55.10Z:8:20 62.01Z:25 62.02A:30:8 70.22Z:45:4 71.12B:12 73.11Z:10 "
                            + "49.41A:15:20 49.41B:5 52.29A:5:20 86.23Z:5:15 86.10Z:2:40 87.10A:2:40 78.20Z:2:40 80.10Z:5:25 "
                            + "81.21Z:8:20 82.99Z:10:6 10.71C:10:20 25.62B:6:20 28.29B:3:25 33.12Z:4:15 35.11Z:8:1 66.22Z:8 "
                            + "69.20Z:8:15 69.10Z:3:15 66.19B:5:4 71.11Z:5 74.90B:10:5 77.11A:4 96.02A:12:15 25.11Z:3:25 22.29A:2:30 "
                            + "16.23Z:2:20 68.31Z:15:6 68.20B:15:1 49.32Z:10:5 47.24Z:3 47.22Z:2 47.52A:3:15 47.78C:3 46.73A:3:15 "
                            + "10.13A:1:25 11.02B:2 29.32Z:1:40 21.20Z:1:40 20.59Z:1:30 26.51B:1:30 58.29C:2 61.10Z:1:20 63.11Z:2 "
                            + "64.19Z:1:30 65.12Z:1:20 86.21Z:3 85.59A:4 73.20Z:2 74.10Z:4:5 79.11Z:3 85.53Z:3:15 95.11Z:1 38.11Z:2:30 "
                            + "42.11Z:1:30"),
            SCI_ACT = new Pool("68.20B:70 68.20A:12 68.10Z:8 41.10A:7 68.32A:3"),
            AGRI_ACT =
                    new Pool("01.11Z:30 01.21Z:15 01.41Z:12 01.45Z:6 01.47Z:5 01.50Z:20 01.13Z:6 01.24Z:4 01.46Z:4 "
                            + "01.19Z:3 01.30Z:2 01.42Z:5 02.20Z:1"),
            ASSOC_ACT =
                    new Pool("94.99Z:440:6 88.99B:50:25 88.10A:12:30 88.10B:10:25 88.10C:14:40 85.59A:30:20 "
                            + "85.59B:30:10 93.12Z:130:5 93.29Z:35:5 90.01Z:25:6 90.04Z:6:15 87.30A:10:40 87.20A:5:45 87.10A:4:45 "
                            + "86.90F:8:15 94.91Z:30:4 94.20Z:18:6 94.11Z:5:8 94.92Z:3:3 94.12Z:10:10 88.91A:12:40 88.91B:6:25 "
                            + "55.20Z:5:10 91.02Z:3:12 93.19Z:15:4 93.11Z:4:8 82.30Z:6:6 85.20Z:6:50 85.31Z:4:55 85.42Z:2:30 "
                            + "79.90Z:3:4 68.20B:3:2 72.19Z:2:20 86.10Z:2:60 47.79Z:2:5 38.32Z:1:30"),
            COOP_AGRI_ACT =
                    new Pool("01.61Z:40:3 46.21Z:15:15 10.51A:3:25 11.02B:8:12 46.11Z:4:10 01.50Z:6:3 "
                            + "10.39A:2:20 46.31Z:2:15 47.76Z:2:10"),
            COOP_BANK_ACT = new Pool("64.19Z:90:12 66.19B:6:8 64.92Z:4:8"),
            COOP_ACT =
                    new Pool("47.11D:6:20 46.90Z:6:10 41.20A:5:10 43.21A:5:12 43.99C:5:12 62.02A:6:10 70.22Z:6:6 "
                            + "56.10A:4:8 85.59A:4:8 81.21Z:4:15 49.41A:3:12 71.12B:3:10 90.01Z:3:4 35.11Z:3:2 68.20B:2:1 47.19B:3:10 "
                            + "10.71C:2:10 88.99B:4:12 58.14Z:2:8 74.90B:3:4"),
            MUTUAL_ACT =
                    new Pool("65.12Z:50:15 65.11Z:20:15 86.10Z:8:30 66.29Z:5:8 87.10A:6:30 86.23Z:6:20 47.78A:4:15 "
                            + "88.10A:3:20"),
            FOUNDATION_ACT =
                    new Pool("88.99B:25:15 72.19Z:15:10 86.10Z:10:30 87.10A:10:30 94.99Z:15:5 85.59A:5:10 "
                            + "91.02Z:5:10 88.10C:5:25"),
            PUBLIC_ACT =
                    new Pool("84.11Z:70:15 84.12Z:4:20 84.25Z:4:12 91.01Z:4:8 88.99B:4:10 93.11Z:4:5 36.00Z:3:10 "
                            + "37.00Z:2:10 38.11Z:2:10 87.10A:2:30 85.59A:1:10"),
            SCHOOL_ACT = new Pool("85.31Z:70 85.32Z:25 85.59A:5"),
            HOSPITAL_ACT = new Pool("86.10Z:80 87.10A:15 86.90D:5"),
            AGENCY_ACT = new Pool("84.12Z:30 84.13Z:10 72.19Z:15:15 85.42Z:20:15 91.02Z:10 84.30A:5 84.24Z:5"),
            COPRO_ACT = new Pool("68.32A:85 81.10Z:10 68.20B:5"),
            OTHER_ACT =
                    new Pool("70.10Z:10:3 82.99Z:10:6 94.99Z:10:5 88.99B:5:10 46.90Z:5:6 94.11Z:3:4 66.19B:3:4 "
                            + "81.10Z:5:3");

    // ---------------------------------------------------------------- kinds of legal units
    private static final int SOLE = 0,
            FIRM = 1,
            SCI = 2,
            AGRI = 3,
            ASSOC = 4,
            COOP_AGRI = 5,
            COOP_BANK = 6,
            COOP = 7,
            ESS_FIRM = 8,
            MUTUAL = 9,
            FOUNDATION = 10,
            PUBLIC = 11,
            SCHOOL = 12,
            HOSPITAL = 13,
            AGENCY = 14,
            COPRO = 15,
            OTHER = 16;
    private static final Profile[] PROFILES = {
        // kind, legal categories:weight, units per million, ‰ active, extra establishments, activities,
        // ‰ employers among active establishments, ‰ 00, ‰ no band, employer bands,
        // ‰ ESS flag O if active / if closed, ‰ N otherwise, ‰ partial diffusion, ‰ with an acronym
        new Profile(SOLE, "1000:1", 560000, 540, SMALL_TAIL, SOLE_ACT, 50, 30, 120, SMALL, 0, 0, 300, 89, 0),
        new Profile(
                FIRM,
                "5499:100 5710:80 5720:50 5498:35 5599:6 5699:1 5202:4 5485:3 5785:1",
                260400,
                680,
                FIRM_TAIL,
                COMPANY_ACT,
                230,
                80,
                100,
                COMPANY,
                0,
                0,
                450,
                0,
                40),
        new Profile(SCI, "6540:90 6541:5 6599:5", 75000, 720, FEW, SCI_ACT, 8, 20, 150, SMALL, 0, 0, 450, 0, 0),
        new Profile(AGRI, "6533:40 6598:60", 18000, 600, FEW, AGRI_ACT, 150, 40, 100, SMALL, 0, 0, 450, 0, 0),
        new Profile(
                ASSOC,
                "9220:910 9210:38 9221:8 9222:8 9223:5 9224:5 9230:18 9260:8",
                66000,
                620,
                ASSOC_TAIL,
                ASSOC_ACT,
                130,
                30,
                130,
                ESS,
                720,
                300,
                150,
                0,
                120),
        new Profile(
                COOP_AGRI,
                "6316:50 6317:35 6318:5 6532:10",
                900,
                600,
                FIRM_TAIL,
                COOP_AGRI_ACT,
                300,
                40,
                100,
                ESS,
                800,
                400,
                100,
                0,
                100),
        new Profile(
                COOP_BANK,
                "5191:2 5192:2 5193:2 5194:2 5195:2 5196:2 6595:50 6596:38",
                250,
                600,
                MEDIUM,
                COOP_BANK_ACT,
                500,
                20,
                50,
                ESS_LARGE,
                800,
                400,
                100,
                0,
                100),
        new Profile(
                COOP,
                "5458:25 5547:10 5560:5 5459:5 5460:5 5432:3 5443:3 5451:2 5452:2 5453:2 5454:2 5455:2 "
                        + "5456:2 5457:2 5532:2 5543:2 5551:1 5552:1 5553:1 5554:1 5555:1 5556:1 5557:1 5558:1 5559:1 5632:1 "
                        + "5643:1 5647:2 5651:1 5652:1 5653:1 5654:1 5655:1 5656:1 5657:1 5658:1 5659:1 5660:1 6543:2 6551:2 "
                        + "6554:2 6558:4 6560:3",
                900,
                600,
                FIRM_TAIL,
                COOP_ACT,
                400,
                40,
                100,
                ESS,
                800,
                400,
                100,
                0,
                100),
        new Profile(ESS_FIRM, "5710:60 5499:40", 250, 700, FIRM_TAIL, COOP_ACT, 500, 40, 100, ESS, 950, 600, 40, 0, 50),
        new Profile(
                MUTUAL,
                "8210:40 8250:20 8290:20 6411:20",
                200,
                550,
                MEDIUM,
                MUTUAL_ACT,
                500,
                30,
                100,
                ESS_LARGE,
                900,
                600,
                80,
                0,
                300),
        new Profile(
                FOUNDATION, "9300:1", 100, 850, MEDIUM, FOUNDATION_ACT, 500, 30, 100, ESS_LARGE, 900, 600, 80, 0, 100),
        new Profile(
                PUBLIC,
                "7210:70 7220:2 7346:6 7490:22",
                2700,
                700,
                WIDE,
                PUBLIC_ACT,
                350,
                30,
                100,
                LARGE,
                0,
                0,
                400,
                0,
                100),
        new Profile(SCHOOL, "7331:1", 1000, 850, FEW, SCHOOL_ACT, 600, 30, 100, LARGE, 0, 0, 400, 0, 0),
        new Profile(HOSPITAL, "7364:1", 150, 800, WIDE, HOSPITAL_ACT, 700, 20, 50, LARGE, 0, 0, 400, 0, 50),
        new Profile(AGENCY, "7389:1", 1150, 750, MEDIUM, AGENCY_ACT, 400, 30, 100, LARGE, 0, 0, 400, 0, 200),
        new Profile(COPRO, "9110:85 9150:15", 10000, 800, FEW, COPRO_ACT, 30, 30, 150, SMALL, 0, 0, 400, 0, 0),
        new Profile(
                OTHER,
                "6220:40 6210:3 9900:40 8510:17",
                3000,
                600,
                FEW,
                OTHER_ACT,
                200,
                40,
                120,
                COMPANY,
                0,
                0,
                400,
                0,
                50)
    };
    private static final Table PROFILE_PICK =
            new Table(Arrays.stream(PROFILES).mapToInt(Profile::weight).toArray());

    // ---------------------------------------------------------------- words, upper case as INSEE writes them (_ =
    // space)
    private static final byte[][]
            SURNAMES =
                    words(
                            "MARTIN BERNARD THOMAS PETIT ROBERT RICHARD DURAND DUBOIS MOREAU "
                                    + "LAURENT SIMON MICHEL LEFEBVRE LEROY ROUX DAVID BERTRAND MOREL FOURNIER GIRARD BONNET DUPONT LAMBERT "
                                    + "FONTAINE ROUSSEAU VINCENT MULLER LEFEVRE FAURE ANDRE MERCIER BLANC GUERIN BOYER GARNIER CHEVALIER "
                                    + "FRANCOIS LEGRAND GAUTHIER GARCIA PERRIN ROBIN CLEMENT MORIN NICOLAS HENRY ROUSSEL MATHIEU MASSON "
                                    + "MARCHAND DUVAL DENIS DUMONT LEMAIRE NOEL MEYER DUFOUR MEUNIER BRUN BLANCHARD GIRAUD JOLY RIVIERE "
                                    + "LUCAS BRUNET GAILLARD BARBIER ARNAUD MARTINEZ GERARD ROCHE RENARD SCHMITT ROY LEROUX COLIN VIDAL "
                                    + "CARON PICARD ROGER FABRE AUBERT LEMOINE RENAUD DUMAS LACROIX OLIVIER BOURGEOIS BENOIT REY LECLERC "
                                    + "PAYET ROLLAND GUILLAUME LECOMTE LOPEZ DUPUY HUBERT BERGER CARPENTIER SANCHEZ MOULIN DESCHAMPS HUET "
                                    + "PEREZ BOUCHER FLEURY KLEIN ADAM POIRIER MARTY GUYOT CHARPENTIER MAILLARD BAILLY SCHNEIDER "
                                    + "FERNANDEZ LE_GALL COLLET JULIEN PREVOST PERROT LE_ROUX COUSIN BRETON LANGLOIS LE_GOFF PELLETIER "
                                    + "HAMON WEBER NGUYEN DIALLO HADDAD BENALI N'DIAYE TRAORE DOS_SANTOS FERREIRA RIBEIRO GRONDIN HOARAU"),
            MEN =
                    words("JEAN PIERRE MICHEL PHILIPPE ALAIN NICOLAS CHRISTOPHE PATRICK DANIEL FREDERIC ERIC DAVID "
                            + "LAURENT STEPHANE JULIEN THOMAS SEBASTIEN PASCAL FRANCOIS GERARD OLIVIER THIERRY CHRISTIAN ANTOINE "
                            + "MAXIME ALEXANDRE KEVIN LUCAS HUGO ROMAIN VINCENT GUILLAUME MATHIEU JACQUES ANDRE RENE CLAUDE YVES "
                            + "MOHAMED KARIM YANNICK DIDIER BRUNO ARNAUD CEDRIC JEROME FABRICE LOUIS PAUL ENZO THEO NATHAN QUENTIN "
                            + "JEAN-PIERRE JEAN-LUC"),
            WOMEN =
                    words(
                            "MARIE NATHALIE ISABELLE SYLVIE CATHERINE FRANCOISE MARTINE CHRISTINE VALERIE SANDRINE "
                                    + "STEPHANIE CELINE SOPHIE AURELIE JULIE CAROLINE VERONIQUE LAURENCE MONIQUE NICOLE EMILIE CAMILLE LAURA "
                                    + "MANON SARAH PAULINE CHLOE EMMA LEA ANNE PATRICIA BRIGITTE CHANTAL CORINNE VIRGINIE ELODIE MELANIE "
                                    + "AMANDINE DELPHINE AUDREY CLAIRE HELENE AGNES FATIMA INES LUCIE MARGAUX ALICE MARIE-CLAIRE ANNE-SOPHIE"),
            TRADES =
                    words("BOULANGERIE TRANSPORTS GARAGE PLOMBERIE ELECTRICITE MENUISERIE MACONNERIE RESTAURANT "
                            + "PHARMACIE BOUCHERIE CABINET AMBULANCES TAXI COIFFURE FLEURS IMMOBILIER AGENCE ATELIER BAR CAVE "
                            + "BOULANGERIE-PATISSERIE CHARPENTE PAYSAGES"),
            SUFFIXES =
                    words("ET_FILS CONSEIL IMMOBILIER HOLDING INVEST SERVICES DEVELOPPEMENT GESTION PATRIMOINE "
                            + "TECHNOLOGIES DISTRIBUTION CONSTRUCTION RENOVATION FRERES ET_ASSOCIES FRANCE INDUSTRIE LOGISTIQUE "
                            + "EXPERTISE PARTICIPATIONS"),
            SYLLABLES =
                    words("AXO NEO KALI VERTI OPTI TERRA ALPHA ATLAN LUMI NOVA SOLI ARGO EVO DOMI ECO BIO MEDI TECH"),
            ENDINGS = words("TEC RIS GIA LOG PRO VIA SYS LINE CAP SUD ALP OR ISS"),
            NOUNS =
                    words("JARDINS TERRASSES HAUTS DELICES COMPAGNONS ATELIERS SAVEURS MAISONS TILLEULS CHENES VIGNES "
                            + "COLLINES SOURCES PINS"),
            PLACES =
                    words("DE_BEAUMONT DE_VILLENEUVE DE_MONTFORT DU_VAL_DE_LOIRE DE_PROVENCE DES_ALPES DE_BRETAGNE "
                            + "DE_LA_VALLEE DU_PAYS_BASQUE DE_NORMANDIE DU_LITTORAL DES_COTEAUX DE_L'ESTUAIRE DU_CENTRE "
                            + "DES_TROIS_RIVIERES DU_PLATEAU DE_LA_COTE_D'AZUR DU_VIGNOBLE DE_SAINT-MARTIN DU_BOCAGE DE_L'OUEST "
                            + "DU_SUD-EST DE_SAINTE-MARIE DE_LA_MONTAGNE_NOIRE DU_LAURAGAIS DES_CEVENNES"),
            ASSOC_NAMES =
                    words("ASSOCIATION_SPORTIVE AMICALE_DES_SAPEURS-POMPIERS COMITE_DES_FETES CLUB_DE_L'AMITIE "
                            + "ASSOCIATION_DES_PARENTS_D'ELEVES FOYER_RURAL UNION_SPORTIVE ASSOCIATION_CULTURELLE ASSOCIATION_FAMILIALE "
                            + "ASSOCIATION_D'AIDE_A_DOMICILE COMPAGNIE_THEATRALE ÉCOLE_DE_MUSIQUE FOOTBALL_CLUB TENNIS_CLUB JUDO_CLUB "
                            + "ASSOCIATION_DE_CHASSE SOCIETE_DE_PECHE ASSOCIATION_DES_AMIS AMICALE_DES_ANCIENS_ÉLÈVES ADMR "
                            + "MAISON_DES_JEUNES_ET_DE_LA_CULTURE CENTRE_SOCIAL SECOURS_POPULAIRE ASSOCIATION_POUR_L'INSERTION "
                            + "ASSOCIATION_DE_GESTION_DE_L'ECOLE_PRIVEE"),
            QUOTED_ENDS = words("QUARTIER VIEUX_PORT CHATEAU MOULIN LAVOIR PATRIMOINE"),
            PROFESSIONS = words("ENSEIGNANTS CHEMINOTS AGRICULTEURS ARTISANS FONCTIONNAIRES ETUDIANTS COMMERCANTS"),
            LOCAL_NAMES = words("COMMUNE DEPARTEMENT COMMUNAUTE_DE_COMMUNES SYNDICAT_INTERCOMMUNAL"),
            SCHOOL_NAMES = words("COLLEGE LYCEE"),
            AGENCY_NAMES = words("UNIVERSITE MUSEE AGENCE_REGIONALE OFFICE_NATIONAL"),
            STREETS =
                    words(
                            "DE_LA_REPUBLIQUE DU_GENERAL_DE_GAULLE JEAN_JAURES VICTOR_HUGO DE_LA_GARE DE_L'EGLISE "
                                    + "PASTEUR DES_ECOLES DU_MOULIN DE_LA_MAIRIE GAMBETTA JEAN_MOULIN DE_LA_LIBERATION DU_8_MAI_1945 "
                                    + "DU_11_NOVEMBRE DES_LILAS DES_ACACIAS FOCH CLEMENCEAU DE_PARIS NATIONALE DU_STADE DES_PRES "
                                    + "DE_LA_FONTAINE DU_CHATEAU DES_TILLEULS DE_VERDUN ANATOLE_FRANCE DU_PORT DES_VIGNES DES_ROSES DE_LA_PAIX "
                                    + "DU_COMMERCE LEON_BLUM ALBERT_CAMUS DES_CHENES DU_CENTRE DE_LA_POSTE DES_JARDINS DU_MARECHAL_LECLERC "
                                    + "DE_LA_CROIX DES_ARTISANS DE_L'INDUSTRIE DU_BOURG DES_PLATANES JULES_FERRY DE_BRETAGNE DE_LA_LIBERTE"),
            STREET_TYPES = words("RUE AV BD CHE PL IMP RTE ALL"),
            COMPLEMENTS =
                    quoted(words("BATIMENT_A RESIDENCE_LES_PINS ZA_DES_CHAMPS ZI_NORD LOT_12 BATIMENT_A,_2E_ETAGE "
                            + "LE_BOURG CENTRE_COMMERCIAL ESCALIER_B,_APPT_12 LIEU_DIT_LA_FERME ZONE_ARTISANALE PARC_D'ACTIVITES "
                            + "IMMEUBLE_LE_FORUM")),
            COUNTRIES = words("99109 99131 99140 99137 99134 99127 99132 99404 99350"),
            COUNTRY_NAMES = words("ALLEMAGNE BELGIQUE SUISSE LUXEMBOURG ESPAGNE ITALIE ROYAUME-UNI ETATS-UNIS MAROC"),
            CITIES = words("BERLIN BRUXELLES GENEVE LUXEMBOURG MADRID MILAN LONDRES NEW_YORK CASABLANCA");
    private static final Table STREET_TYPE_PICK = new Table(50, 12, 5, 12, 5, 5, 8, 3);
    private static final byte[] EMPTY = {},
            O = b("O"),
            N = b("N"),
            P = b("P"),
            A = b("A"),
            C = b("C"),
            F = b("F"),
            M = b("M"),
            B = b("B"),
            T = b("T"),
            TRUE = b("true"),
            FALSE = b("false"),
            YEAR = b("2023"),
            NAF = b("NAFRev2"),
            PME = b("PME"),
            ETI = b("ETI"),
            GE = b("GE"),
            CHEZ = b("CHEZ "),
            LES = b("LES "),
            COMMA = b(", "),
            ASSOCIES = b(" ET ASSOCIES"),
            QUOTE_LES = b(" \"LES "),
            SCI_ = b("SCI "),
            GAEC = b("GAEC"),
            EARL = b("EARL"),
            DES = b(" DES "),
            ASSOC_QUOTED = b("ASSOCIATION \"LES AMIS, DU "),
            CUMA = b("CUMA "),
            COOP_AGRICOLE = b("COOPERATIVE AGRICOLE "),
            CAVE = b("CAVE COOPERATIVE "),
            CREDIT_MUTUEL = b("CAISSE LOCALE DE CREDIT MUTUEL "),
            CREDIT_AGRICOLE = b("CAISSE LOCALE DE CREDIT AGRICOLE "),
            SCOP = b("SCOP "),
            SCIC = b("SCIC "),
            MUTUELLE = b("MUTUELLE "),
            FONDATION = b("FONDATION "),
            SDC = b("SYNDICAT DES COPROPRIETAIRES RESIDENCE LES "),
            GIE = b("GIE "),
            CSE = b("CSE "),
            BP = b("BP "),
            CS = b("CS "),
            CEDEX = b(" CEDEX"),
            HOSPITAL_NAME = b("CENTRE HOSPITALIER ");

    // ---------------------------------------------------------------- the communes, sorted by code
    private static final int GUIDE = 1 << 14;
    private final byte[][] code, postal, label;
    private final long[] cumulated; // populations, cumulated
    private final int[] deptStart,
            deptEnd,
            lambertX,
            lambertY; // per commune: its département's range; tenths of metres
    private final int[] guide = new int[GUIDE]; // the first commune a draw in slot g can land on

    /** Places are drawn weighted by population (a population below 1 counts as 1). */
    public SireneGenerator(List<Place> communes) {
        List<Place> all = new ArrayList<>();
        for (Place p : communes) {
            int pop = Math.max(1, p.population());
            switch (p.code()) {
                case "75056" -> split(all, 75100, 20, p);
                case "69123" -> split(all, 69380, 9, p);
                case "13055" -> split(all, 13200, 16, p);
                default -> all.add(new Place(p.code(), pop, p.latitude(), p.longitude()));
            }
        }
        if (all.isEmpty()) throw new IllegalArgumentException("no commune to place establishments in");
        all.sort(Comparator.comparing(Place::code));
        int n = all.size(), start = 0;
        code = new byte[n][];
        postal = new byte[n][];
        label = new byte[n][];
        cumulated = new long[n];
        deptStart = new int[n];
        deptEnd = new int[n];
        lambertX = new int[n];
        lambertY = new int[n];
        long sum = 0;
        for (int i = 0; i < n; i++) {
            String c = all.get(i).code();
            cumulated[i] = sum += all.get(i).population();
            code[i] = b(c);
            postal[i] = b(postalCode(c));
            label[i] = b(
                    c.startsWith("751")
                            ? "PARIS " + Integer.parseInt(c.substring(3))
                            : c.startsWith("6938")
                                    ? "LYON " + (Integer.parseInt(c) - 69380)
                                    : c.startsWith("132")
                                            ? "MARSEILLE " + Integer.parseInt(c.substring(3))
                                            : "COMMUNE " + c);
            Rng h = new Rng(c.hashCode());
            boolean overseas = c.startsWith("97") || c.startsWith("98");
            // the commune's point in Lambert-93 when known (establishments land within 3 km of it), else noise
            Place place = all.get(i);
            var projected = overseas || place.latitude() == null
                    ? java.util.Optional.<double[]>empty()
                    : fr.essor.territory.Positions.toProjected(place.latitude(), place.longitude(), 2154);
            lambertX[i] = overseas
                    ? -1
                    : projected.map(xy -> (int) Math.round(xy[0] * 10)).orElse(1_500_000 + h.below(10_500_000));
            lambertY[i] = overseas
                    ? -1
                    : projected.map(xy -> (int) Math.round(xy[1] * 10)).orElse(60_700_000 + h.below(10_300_000));
            if (i > 0 && !department(c).equals(department(all.get(i - 1).code()))) {
                Arrays.fill(deptStart, start, i, start);
                Arrays.fill(deptEnd, start, i, i);
                start = i;
            }
        }
        Arrays.fill(deptStart, start, n, start);
        Arrays.fill(deptEnd, start, n, n);
        for (int g = 0, i = 0; g < GUIDE; g++) {
            for (long low = (g * sum + GUIDE - 1) / GUIDE; cumulated[i] <= low && i < n - 1; ) i++;
            guide[g] = i;
        }
    }

    private static void split(List<Place> all, int base, int count, Place city) {
        int population = Math.max(1, city.population());
        for (int k = 1; k <= count; k++)
            all.add(new Place(
                    Integer.toString(base + k), Math.max(1, population / count), city.latitude(), city.longitude()));
    }

    private static String department(String c) {
        return c.substring(0, c.startsWith("97") || c.startsWith("98") ? 3 : 2);
    }

    /** Exact for the arrondissements of Paris, Lyon and Marseille, otherwise the département and three digits. */
    private static String postalCode(String c) {
        if (c.startsWith("751") || c.startsWith("132")) return c.substring(0, 2) + "0" + c.substring(3);
        if (c.startsWith("6938")) return "6900" + c.charAt(4);
        int n = Integer.parseInt(c.substring(c.length() - 3).replaceAll("[^0-9]", "0"));
        if (c.startsWith("97") || c.startsWith("98")) return c.substring(0, 3) + ((n * 7) % 9 + 1) + "0";
        return (c.startsWith("2A") || c.startsWith("2B") ? "20" : c.substring(0, 2)) + (((n * 37) % 90 + 10) * 10);
    }

    /** Writes both files into {@code directory} (created if needed); the same options give the same bytes. */
    public Result generate(Options options, Path directory) throws IOException {
        long units = Math.max(1, Math.round(NATIONAL_UNITS * options.scale()));
        if (!(options.scale() > 0) || units > SIREN_SPAN) {
            throw new IllegalArgumentException("scale must be in ]0, 2.33]: " + options.scale());
        }
        Files.createDirectories(directory);
        String extension = options.zip() ? "zip" : "csv";
        Path unitsFile = directory.resolve("StockUniteLegale_utf8." + extension);
        Path establishmentsFile = directory.resolve("StockEtablissement_utf8." + extension);
        try (Sink us = new Sink(unitsFile, "StockUniteLegale_utf8.csv", options.zip(), UNIT_HEADERS);
                Sink es = new Sink(
                        establishmentsFile, "StockEtablissement_utf8.csv", options.zip(), ESTABLISHMENT_HEADERS)) {
            Run run = new Run(new Rng(options.seed()), us, es);
            int spread = (int) Math.max(1, SIREN_SPAN / units); // sirens increase, at random within their slot
            for (long i = 0; i < units; i++) run.unit(SIREN_LOW + i * SIREN_SPAN / units + run.r.below(spread));
            return new Result(units, run.establishments, unitsFile, establishmentsFile);
        }
    }

    /** One generation: the random stream, the two outputs, and the establishments of the current unit. */
    private final class Run {
        final Rng r;
        final Sink us, es;
        final Bytes name = new Bytes(), usual = new Bytes();
        final byte[] siren = new byte[9];
        final int[] commune = new int[MAX_EXTRA + 1],
                created = new int[MAX_EXTRA + 1],
                band = new int[MAX_EXTRA + 1],
                activity = new int[MAX_EXTRA + 1];
        final boolean[] active = new boolean[MAX_EXTRA + 1];
        int siretSum; // what the siren's digits bring to the Luhn sum of its sirets
        long establishments;

        Run(Rng r, Sink us, Sink es) {
            this.r = r;
            this.us = us;
            this.es = es;
        }

        boolean chance(int perMille) {
            return r.below(1000) < perMille;
        }

        <T> T any(T[] items) {
            return items[r.below(items.length)];
        }

        int place() {
            long total = cumulated[cumulated.length - 1], x = r.below(total);
            int i = guide[(int) (x * GUIDE / total)];
            while (cumulated[i] <= x) i++;
            return i;
        }

        int placeNear(int i) {
            int lo = deptStart[i], hi = deptEnd[i] - 1;
            long base = lo == 0 ? 0 : cumulated[lo - 1], x = base + r.below(cumulated[hi] - base);
            while (lo < hi) {
                int m = (lo + hi) >>> 1;
                if (cumulated[m] > x) hi = m;
                else lo = m + 1;
            }
            return lo;
        }

        /** Creations grow over time: 64 % since 2009, the density rising within each period. */
        int creationDay() {
            int m = Math.max(r.below(1 << 20), r.below(1 << 20));
            return r.below(100) < 64
                    ? D2009 + (int) ((long) m * (LAST - D2009 + 1) >>> 20)
                    : (int) ((long) m * D2009 >>> 20);
        }

        int between(int from, int to) {
            return to <= from ? from : from + r.below(to - from + 1);
        }

        int periods(int min) {
            return min + MORE_PERIODS[r.below(MORE_PERIODS.length)];
        }

        void unit(long base) throws IOException {
            Profile pr = PROFILES[PROFILE_PICK.pick(r)];
            int legal = pr.legal.pick(r);
            boolean unitActive = chance(pr.active), hidden = chance(pr.hidden);
            int creation = creationDay(), lastDay = unitActive ? LAST : between(creation, LAST);
            int bucket = pr.tail.pick(r), low = EXTRA_LOW[bucket], high = EXTRA_HIGH[bucket];
            int n = 1
                    + (low == high
                            ? low
                            : (int) Math.min(high, low * Math.exp(r.unit() * Math.log((high + 1.0) / low))));
            int head = n > 1 && n <= 4 && r.below(100) < 45 ? n - 1 : 0; // a moved head office: the older ones closed
            int unitActivity = pr.pool.table.pick(r);
            keys(base);
            boolean foreignHead = chance(2);
            commune[head] = foreignHead ? -1 : place();
            int anchor = foreignHead ? place() : commune[head];
            created[0] = creation;
            for (int j = 1; j < n; j++) created[j] = between(creation, lastDay);
            if (n > 2) Arrays.sort(created, 1, n);
            double employment = 0;
            boolean anyZero = false;
            for (int j = 0; j < n; j++) {
                if (j != head) commune[j] = chance(4) ? -1 : r.below(100) < 80 ? placeNear(anchor) : place();
                activity[j] = j == head || r.below(100) < (n > 4 ? 40 : 85) ? unitActivity : pr.pool.table.pick(r);
                active[j] = unitActive && (j == head ? chance(900) : j > head && chance(n > 4 ? 450 : 80));
                band[j] = bandOf(pr, active[j], activity[j]);
                if (active[j]) {
                    employment += MIDPOINT[band[j]];
                    anyZero |= band[j] == ZERO;
                }
            }
            writeUnit(pr, legal, unitActive, hidden, creation, lastDay, unitActivity, head, employment, anyZero);
            for (int j = 0; j < n; j++) {
                int closing =
                        active[j] ? -1 : j < head ? created[j + 1] : j == head ? lastDay : between(created[j], lastDay);
                writeEstablishment(pr, j, head, hidden, closing);
            }
            establishments += n;
        }

        int bandOf(Profile pr, boolean isActive, int act) {
            if (!isActive) return r.below(100) < 87 ? NN : NONE;
            int employer = Math.min(900, pr.employer * pr.pool.factor[act] / 10), x = r.below(1000);
            if (x < employer) return FIRST_EMPLOYER + pr.bands.pick(r);
            x -= employer;
            return x < pr.zero ? ZERO : x < pr.zero + pr.unknown ? NONE : NN;
        }

        /** The siren from its 8-digit base and Luhn key; digit k from the left is doubled in the siren when k is odd. */
        void keys(long base) {
            int b = (int) base, sirenSum = 0;
            siretSum = 0;
            for (int k = 7; k >= 0; k--, b /= 10) {
                int d = b % 10;
                siren[k] = (byte) ('0' + d);
                sirenSum += (k & 1) == 1 ? twice(d) : d;
                siretSum += (k & 1) == 0 ? twice(d) : d;
            }
            int key = (10 - sirenSum % 10) % 10;
            siren[8] = (byte) ('0' + key);
            siretSum += twice(key);
        }

        static int twice(int d) {
            return d < 5 ? 2 * d : 2 * d - 9;
        }

        /** The nic of the seq-th establishment: a 4-digit sequence and the key that makes the siret Luhn-valid. */
        int nicOf(int seq) {
            int s = siretSum + twice(seq % 10) + seq / 10 % 10 + twice(seq / 100 % 10) + seq / 1000;
            return seq * 10 + (10 - s % 10) % 10;
        }

        void writeUnit(
                Profile pr,
                int legal,
                boolean unitActive,
                boolean hidden,
                int creation,
                int lastDay,
                int act,
                int head,
                double employment,
                boolean anyZero)
                throws IOException {
            Sink s = us;
            s.room();
            boolean person = pr.kind == SOLE, named = person && !hidden, woman = r.below(100) < 38;
            name.reset();
            if (!person) denomination(pr.kind, legal, name);
            s.f(siren);
            s.f(hidden ? P : O);
            s.f(!unitActive && lastDay < D2005 && r.below(100) < 30, TRUE); // purged
            s.date(creation);
            s.c();
            if (!person && chance(pr.sigle)) name.initials(s);
            s.c();
            byte[][] firstNames = woman ? WOMEN : MEN;
            byte[] first = any(firstNames);
            s.f(named, woman ? F : M);
            s.f(named, first);
            s.f(named && r.below(100) < 60, any(firstNames));
            s.f(named && r.below(100) < 25, any(firstNames));
            s.f(named && r.below(100) < 5, any(firstNames));
            s.f(named && r.below(100) < 85, first);
            s.c(); // pseudonyme
            if (pr.kind == ASSOC && r.below(100) < 55) {
                s.put((byte) 'W');
                s.digits(r.below(1_000_000_000), 9);
            }
            s.c();
            int unitBand = !unitActive
                    ? (r.below(100) < 90 ? NN : NONE)
                    : employment > 0 ? unitBand(employment) : anyZero ? ZERO : band[head] == NONE ? NONE : NN;
            s.f(BAND[unitBand]);
            s.f(unitBand >= ZERO, YEAR);
            int periods = periods(unitActive ? 1 : 2);
            int debut = !unitActive ? lastDay : periods > 1 ? between(creation, LAST) : creation;
            stamp(s, debut);
            s.num(periods);
            s.c();
            boolean sized = unitActive && r.below(100) < 92;
            s.f(sized, employment >= 5000 ? GE : employment >= 250 ? ETI : PME);
            s.f(sized, YEAR);
            s.date(debut);
            s.c();
            s.f(unitActive ? A : C);
            s.f(named, any(SURNAMES));
            s.f(named && woman && r.below(100) < 20, any(SURNAMES)); // nom d'usage
            s.text(name);
            s.c();
            usual.reset();
            if (!hidden && r.below(1000) < (person ? 30 : 15)) {
                tradeName(usual);
                s.text(usual);
            }
            s.c(3);
            s.f(pr.legal.codes[legal]);
            s.f(pr.pool.code[act]);
            s.f(NAF);
            s.digits(nicOf(head + 1), 5);
            s.c();
            s.f(chance(unitActive ? pr.essActive : pr.essClosed) ? O : chance(pr.essNo) ? N : EMPTY);
            boolean company = pr.kind != SOLE && pr.kind != ASSOC && pr.kind < MUTUAL;
            s.f(
                    !company
                            ? EMPTY
                            : pr.kind == FIRM && r.below(10000) < 5 ? O : r.below(100) < 35 ? N : EMPTY); // mission
            s.c(); // caractereEmployeurUniteLegale: empty in the current files
            if (unitActive && r.below(100) < 8 && pr.pool.naf25[act] != null) s.put(pr.pool.naf25[act]);
            s.nl();
        }

        void writeEstablishment(Profile pr, int j, int head, boolean hidden, int closing) throws IOException {
            Sink s = es;
            s.room();
            int key = nicOf(j + 1), b = band[j], act = activity[j], c = commune[j];
            boolean isActive = active[j], foreign = c < 0, shown = !hidden, local = shown && !foreign;
            byte[] post = foreign ? EMPTY : postal[c],
                    lab = foreign ? EMPTY : label[c],
                    cod = foreign ? EMPTY : code[c];
            s.f(siren);
            s.digits(key, 5);
            s.c();
            s.put(siren);
            s.digits(key, 5);
            s.c();
            s.f(hidden ? P : O);
            s.date(created[j]);
            s.c();
            s.f(BAND[b]);
            s.f(b >= ZERO, YEAR);
            s.f((pr.kind == SOLE || pr.kind == FIRM) && pr.pool.craft[act] && r.below(100) < 25, pr.pool.aprm[act]);
            int periods = periods(isActive ? 1 : 2);
            int debut = !isActive ? closing : periods > 1 ? between(created[j], LAST) : created[j];
            stamp(s, debut);
            s.f(j == head ? TRUE : FALSE);
            s.num(periods);
            s.c();
            // the address
            double u = r.unit();
            int number = 1 + (int) (250 * u * u * Math.sqrt(u));
            boolean numbered = shown && r.below(100) < 78;
            s.f(shown && r.below(100) < 10, any(COMPLEMENTS));
            s.f(numbered, number);
            s.f(numbered && r.below(100) < 3, r.below(5) == 0 ? T : B);
            s.f(numbered && r.below(200) == 0, number + 2 + r.below(10)); // dernierNumeroVoie
            s.c(); // its repetition index
            s.f(shown && r.below(100) < 90, STREET_TYPES[STREET_TYPE_PICK.pick(r)]);
            s.f(shown && r.below(100) < 97, any(STREETS));
            s.f(shown || r.below(2) == 0, post);
            s.f(lab);
            int country = foreign ? r.below(COUNTRIES.length) : 0;
            s.f(foreign, CITIES[country]);
            if (local && r.below(100) == 0) {
                s.put(r.below(2) == 0 ? BP : CS);
                s.num(1 + r.below(9999));
            }
            s.c();
            s.f(cod);
            boolean cedex = local && r.below(200) == 0;
            if (cedex) {
                s.put(post, 2);
                s.digits(900 + r.below(100), 3);
            }
            s.c();
            if (cedex) {
                s.put(lab);
                s.put(CEDEX);
            }
            s.c();
            s.f(foreign, COUNTRIES[country]);
            s.f(foreign, COUNTRY_NAMES[country]);
            boolean located = local && lambertX[c] >= 0 && r.below(100) < 40;
            if (located && numbered) { // like a BAN key: commune_street_number
                s.put(cod);
                s.put((byte) '_');
                s.digits(r.below(10000), 4);
                s.put((byte) '_');
                s.digits(1 + r.below(300), 5);
            }
            s.c();
            if (located) {
                int x = lambertX[c] + r.below(60_000) - 30_000, y = lambertY[c] + r.below(60_000) - 30_000;
                s.num(x / 10);
                s.put((byte) '.');
                s.num(x % 10);
                s.c();
                s.num(y / 10);
                s.put((byte) '.');
                s.num(y % 10);
                s.c();
            } else {
                s.c(2);
            }
            if (local && r.below(1000) < 8) { // a second address, mostly a post-office box
                s.c();
                s.f(true, 1 + r.below(90));
                s.c();
                s.f(STREET_TYPES[0]);
                s.f(any(STREETS));
                s.f(post);
                s.f(lab);
                s.c();
                s.put(BP);
                s.num(1 + r.below(999));
                s.c();
                s.f(cod);
                s.c(4);
            } else {
                s.c(14);
            }
            s.date(debut);
            s.c();
            s.f(isActive ? A : F);
            boolean trade = shown && (pr.kind == SOLE || pr.kind == FIRM) && r.below(100) < 7;
            if (trade) {
                usual.reset();
                tradeName(usual);
                s.text(usual);
            }
            s.c();
            s.f(trade && r.below(100) < 8, any(SURNAMES));
            s.c();
            if (shown && pr.kind != SOLE && r.below(100) < 8) {
                usual.reset();
                if (r.below(2) == 0) tradeName(usual);
                else usual.add(any(TRADES)).add(' ').brand(r);
                s.text(usual);
            }
            s.c();
            s.f(pr.pool.code[act]);
            s.f(NAF);
            s.f(
                    isActive
                            ? (b >= FIRST_EMPLOYER ? O : b != NONE && r.below(100) < 70 ? N : EMPTY)
                            : r.below(2) == 0 ? N : EMPTY);
            if (isActive && r.below(100) < 8 && pr.pool.naf25[act] != null) s.put(pr.pool.naf25[act]);
            s.nl();
        }

        /** dateDernierTraitement, then a comma: after the last event, often the day of INSEE's 2024 reprocessing. */
        void stamp(Sink s, int lastEvent) {
            s.date(
                    lastEvent < REPROCESSED && r.below(4) == 0
                            ? REPROCESSED
                            : between(Math.max(lastEvent, D2018), LAST));
            int sec = r.below(86400);
            s.put((byte) 'T');
            s.two(sec / 3600);
            s.put((byte) ':');
            s.two(sec / 60 % 60);
            s.put((byte) ':');
            s.two(sec % 60);
            s.c();
        }

        void tradeName(Bytes t) {
            switch (r.below(3)) {
                case 0 -> t.add(CHEZ).add(any(MEN));
                case 1 -> t.add(any(TRADES)).add(' ').add(any(PLACES));
                default -> t.brand(r);
            }
        }

        /** The name of a legal person; a few hold commas or quotes, so that readers must unquote. */
        void denomination(int kind, int legal, Bytes t) {
            int x = r.below(100);
            switch (kind) {
                case FIRM, OTHER, ESS_FIRM -> {
                    if (kind == OTHER) t.add(x < 50 ? GIE : CSE);
                    if (x < 30) t.add(any(TRADES)).add(' ').add(any(SURNAMES));
                    else if (x < 55) t.add(any(SURNAMES)).add(' ').add(any(SUFFIXES));
                    else if (x < 80) {
                        t.brand(r);
                        if (r.below(2) == 0) t.add(' ').add(any(SUFFIXES));
                    } else if (x < 95) t.add(LES).add(any(NOUNS)).add(' ').add(any(PLACES));
                    else if (x < 98)
                        t.add(any(SURNAMES)).add(COMMA).add(any(SURNAMES)).add(ASSOCIES);
                    else t.add(any(TRADES)).add(QUOTE_LES).add(any(NOUNS)).add('"');
                }
                case SCI -> {
                    t.add(SCI_);
                    if (x < 50) t.add(any(SURNAMES));
                    else if (x < 80) t.add(LES).add(any(NOUNS));
                    else t.brand(r);
                }
                case AGRI ->
                    t.add(x < 40 ? GAEC : EARL)
                            .add(DES)
                            .add(any(NOUNS))
                            .add(' ')
                            .add(any(PLACES));
                case ASSOC -> {
                    if (x < 3) t.add(ASSOC_QUOTED).add(any(QUOTED_ENDS)).add('"');
                    else t.add(any(ASSOC_NAMES)).add(' ').add(any(PLACES));
                }
                case COOP_AGRI ->
                    t.add(x < 50 ? CUMA : x < 80 ? COOP_AGRICOLE : CAVE).add(any(PLACES));
                case COOP_BANK ->
                    t.add(x < 50 ? CREDIT_MUTUEL : CREDIT_AGRICOLE).add(any(PLACES));
                case COOP -> t.add(x < 60 ? SCOP : SCIC).brand(r);
                case MUTUAL -> t.add(MUTUELLE).add(x < 50 ? any(PLACES) : any(PROFESSIONS));
                case FOUNDATION ->
                    t.add(FONDATION).add(any(x < 50 ? MEN : WOMEN)).add(' ').add(any(SURNAMES));
                case PUBLIC -> t.add(LOCAL_NAMES[legal]).add(' ').add(any(PLACES));
                case SCHOOL ->
                    t.add(any(SCHOOL_NAMES))
                            .add(' ')
                            .add(any(x < 50 ? MEN : WOMEN))
                            .add(' ')
                            .add(any(SURNAMES));
                case HOSPITAL -> t.add(HOSPITAL_NAME).add(any(PLACES));
                case AGENCY -> t.add(any(AGENCY_NAMES)).add(' ').add(any(PLACES));
                default -> t.add(SDC).add(any(NOUNS)).add(' ').add(any(PLACES));
            }
        }
    }

    private static int unitBand(double employment) {
        int b = BAND_FLOOR.length - 1;
        while (b > FIRST_EMPLOYER && BAND_FLOOR[b] > employment) b--;
        return b;
    }

    // ---------------------------------------------------------------- small machinery

    /** Integer weights, cumulated, drawn through a guide table; {@code codes} when read from "code:weight" items. */
    private static final class Table {
        final int[] cumulated, guide = new int[256];
        final int total;
        byte[][] codes;

        Table(int... weights) {
            cumulated = new int[weights.length];
            int sum = 0;
            for (int i = 0; i < weights.length; i++) cumulated[i] = sum += weights[i];
            total = sum;
            for (int g = 0, i = 0; g < guide.length; g++) {
                for (long low = ((long) g * total + guide.length - 1) / guide.length;
                        cumulated[i] <= low && i < cumulated.length - 1; ) i++;
                guide[g] = i;
            }
        }

        int pick(Rng r) {
            int x = r.below(total), i = guide[(int) ((long) x * guide.length / total)];
            while (cumulated[i] <= x) i++;
            return i;
        }

        static Table of(String spec) {
            String[] items = spec.trim().split("\\s+");
            int[] weights = new int[items.length];
            byte[][] codes = new byte[items.length][];
            for (int i = 0; i < items.length; i++) {
                codes[i] = b(items[i].split(":")[0]);
                weights[i] = Integer.parseInt(items[i].split(":")[1]);
            }
            Table t = new Table(weights);
            t.codes = codes;
            return t;
        }
    }

    /** Activities and, per activity, its employer factor, NAF 2025 look-alike, craft flag and trade-register code. */
    private static final class Pool {
        final Table table;
        final byte[][] code, naf25, aprm;
        final int[] factor;
        final boolean[] craft;

        Pool(String spec) {
            table = Table.of(spec);
            code = table.codes;
            String[] items = spec.trim().split("\\s+");
            naf25 = new byte[items.length][];
            aprm = new byte[items.length][];
            factor = new int[items.length];
            craft = new boolean[items.length];
            for (int i = 0; i < items.length; i++) {
                String[] f = items[i].split(":");
                String c = f[0];
                int division = Integer.parseInt(c.substring(0, 2));
                factor[i] = f.length > 2 ? Integer.parseInt(f[2]) : 10;
                naf25[i] = c.endsWith("Z") ? b(c.substring(0, 5) + "Y") : null;
                craft[i] = division >= 10 && division <= 33
                        || division >= 41 && division <= 43
                        || c.startsWith("45.2")
                        || c.startsWith("95")
                        || c.startsWith("96.0");
                aprm[i] = b(c.replace(".", "") + "Z");
            }
        }
    }

    /** A kind of legal unit and the laws its fields are drawn from (rates in ‰). */
    private record Profile(
            int kind,
            Table legal,
            int weight,
            int active,
            Table tail,
            Pool pool,
            int employer,
            int zero,
            int unknown,
            Table bands,
            int essActive,
            int essClosed,
            int essNo,
            int hidden,
            int sigle) {
        Profile(
                int kind,
                String legal,
                int weight,
                int active,
                int[] tail,
                Pool pool,
                int employer,
                int zero,
                int unknown,
                Table bands,
                int essActive,
                int essClosed,
                int essNo,
                int hidden,
                int sigle) {
            this(
                    kind,
                    Table.of(legal),
                    weight,
                    active,
                    new Table(tail),
                    pool,
                    employer,
                    zero,
                    unknown,
                    bands,
                    essActive,
                    essClosed,
                    essNo,
                    hidden,
                    sigle);
        }
    }

    /** A name being composed, quoted on output only if it needs it. */
    private static final class Bytes {
        final byte[] a = new byte[512];
        int n;

        void reset() {
            n = 0;
        }

        Bytes add(byte[] b) {
            System.arraycopy(b, 0, a, n, b.length);
            n += b.length;
            return this;
        }

        Bytes add(char c) {
            a[n++] = (byte) c;
            return this;
        }

        Bytes brand(Rng r) {
            return add(SYLLABLES[r.below(SYLLABLES.length)]).add(ENDINGS[r.below(ENDINGS.length)]);
        }

        /** An acronym of the significant words: "ASSOCIATION SPORTIVE DE BEAUMONT" gives ASB. */
        void initials(Sink s) {
            for (int i = 0, count = 0; i < n && count < 5; i++) {
                if ((i == 0 || a[i - 1] == ' ') && a[i] >= 'A' && a[i] <= 'Z') {
                    int e = i;
                    while (e < n && a[e] != ' ') e++;
                    if (e - i >= 4 || (e - i == 3 && a[i] != 'D' && a[i] != 'L')) {
                        s.put(a[i]);
                        count++;
                    }
                }
            }
        }
    }

    /** A byte-level CSV writer into a file, or into the single entry of a zip. */
    private static final class Sink implements AutoCloseable {
        final byte[] buf = new byte[1 << 19]; // small enough to stay in cache
        final OutputStream out;
        final ZipOutputStream zip;
        int pos;

        Sink(Path file, String entry, boolean zipped, List<String> header) throws IOException {
            OutputStream raw = Files.newOutputStream(file);
            if (zipped) {
                zip = new ZipOutputStream(new BufferedOutputStream(raw, 1 << 16), StandardCharsets.UTF_8);
                zip.setLevel(1); // fast; the archive is still 3 times smaller than the CSV
                ZipEntry e = new ZipEntry(entry);
                e.setTimeLocal(LocalDateTime.of(2026, 11, 1, 0, 0)); // fixed, for byte-identical archives
                zip.putNextEntry(e);
                out = zip;
            } else {
                zip = null;
                out = raw;
            }
            put(b(String.join(",", header)));
            nl();
        }

        /** Flushes when less than the longest possible row is left. */
        void room() throws IOException {
            if (pos > buf.length - 16384) {
                out.write(buf, 0, pos);
                pos = 0;
            }
        }

        void put(byte[] b) {
            put(b, b.length);
        }

        void put(byte[] b, int length) {
            System.arraycopy(b, 0, buf, pos, length);
            pos += length;
        }

        void put(byte c) {
            buf[pos++] = c;
        }

        /** A field ready for the CSV, and its comma. */
        void f(byte[] b) {
            put(b);
            c();
        }

        void f(boolean present, byte[] b) {
            if (present) put(b);
            c();
        }

        void f(boolean present, int number) {
            if (present) num(number);
            c();
        }

        void c() {
            buf[pos++] = ',';
        }

        void c(int count) {
            for (int i = 0; i < count; i++) buf[pos++] = ',';
        }

        void nl() {
            buf[pos++] = '\n';
        }

        /** Day 0 = 1950-01-01, as yyyy-mm-dd: four-year cycles from 1949 hold until 2099. */
        void date(int day) {
            int t = day + 365, cycle = t / 1461, rest = t - cycle * 1461, inCycle = Math.min(3, rest / 365);
            int year = 1949 + 4 * cycle + inCycle, doy = rest - 365 * inCycle + (inCycle == 3 ? 365 : 0);
            int hi = (year / 100) << 1, lo = (year % 100) << 1, m = MONTH_OF[doy] << 1, d = DAY_OF[doy] << 1, p = pos;
            byte[] a = buf;
            a[p] = PAIRS[hi];
            a[p + 1] = PAIRS[hi + 1];
            a[p + 2] = PAIRS[lo];
            a[p + 3] = PAIRS[lo + 1];
            a[p + 4] = '-';
            a[p + 5] = PAIRS[m];
            a[p + 6] = PAIRS[m + 1];
            a[p + 7] = '-';
            a[p + 8] = PAIRS[d];
            a[p + 9] = PAIRS[d + 1];
            pos = p + 10;
        }

        void two(int v) {
            buf[pos] = PAIRS[v << 1];
            buf[pos + 1] = PAIRS[(v << 1) + 1];
            pos += 2;
        }

        /** The last {@code width} digits of {@code v ≥ 0}, zero-padded, two at a time. */
        void digits(int v, int width) {
            byte[] a = buf;
            int start = pos, i = start + width;
            for (; i - start >= 2; v /= 100) {
                int p = (v % 100) << 1;
                a[--i] = PAIRS[p + 1];
                a[--i] = PAIRS[p];
            }
            if (i > start) a[start] = (byte) ('0' + v % 10);
            pos = start + width;
        }

        void num(int v) {
            digits(
                    v,
                    v < 10
                            ? 1
                            : v < 100
                                    ? 2
                                    : v < 1000
                                            ? 3
                                            : v < 10000
                                                    ? 4
                                                    : v < 100000
                                                            ? 5
                                                            : v < 1000000
                                                                    ? 6
                                                                    : v < 10000000
                                                                            ? 7
                                                                            : v < 100000000
                                                                                    ? 8
                                                                                    : v < 1000000000 ? 9 : 10);
        }

        /** RFC 4180: quoted only if it holds a comma, a quote or a line break, inner quotes doubled. */
        void text(Bytes t) {
            boolean quote = false;
            for (int i = 0; i < t.n && !quote; i++)
                quote = t.a[i] == ',' || t.a[i] == '"' || t.a[i] == '\n' || t.a[i] == '\r';
            if (!quote) {
                System.arraycopy(t.a, 0, buf, pos, t.n);
                pos += t.n;
                return;
            }
            buf[pos++] = '"';
            for (int i = 0; i < t.n; i++) {
                if (t.a[i] == '"') buf[pos++] = '"';
                buf[pos++] = t.a[i];
            }
            buf[pos++] = '"';
        }

        @Override
        public void close() throws IOException {
            try (out) {
                out.write(buf, 0, pos);
                if (zip != null) {
                    zip.closeEntry();
                    zip.finish();
                }
            }
        }
    }

    /** SplitMix64, bounded draws by multiplication (a bias below 2^-32, of no matter here). */
    private static final class Rng {
        private long state, spare;
        private boolean half;

        Rng(long seed) {
            state = seed;
        }

        long next() {
            long z = state += 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** Uniform in [0, n): each 64-bit draw serves two of these, 32 bits each. */
        int below(int n) {
            if (half) {
                half = false;
                return (int) (((spare & 0xFFFFFFFFL) * n) >>> 32);
            }
            spare = next();
            half = true;
            return (int) (((spare >>> 32) * n) >>> 32);
        }

        long below(long n) {
            return Math.unsignedMultiplyHigh(next(), n);
        }

        double unit() {
            return (next() >>> 11) * 0x1.0p-53;
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Space-separated words, an underscore standing for a space within one ("_" alone is the empty field). */
    private static byte[][] words(String spec) {
        return Arrays.stream(spec.trim().split("\\s+"))
                .map(w -> b(w.replace('_', ' ').strip()))
                .toArray(byte[][]::new);
    }

    /** Constant fields made ready for the CSV: quoted if they hold a comma or a quote. */
    private static byte[][] quoted(byte[][] fields) {
        for (int i = 0; i < fields.length; i++) {
            String f = new String(fields[i], StandardCharsets.UTF_8);
            if (f.contains(",") || f.contains("\"")) fields[i] = b('"' + f.replace("\"", "\"\"") + '"');
        }
        return fields;
    }

    // ---------------------------------------------------------------- command line

    /** {@code --communes communes.csv.gz [--scale 0.01] [--seed 42] [--out DIR] [--zip]}: generates and times. */
    public static void main(String[] args) throws IOException {
        Path communes = null, out = Path.of("sirene-synthetic");
        double scale = 0.01;
        long seed = 42;
        boolean zip = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--communes" -> communes = Path.of(args[++i]);
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--zip" -> zip = true;
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (communes == null) {
            System.err.println(
                    "usage: SireneGenerator --communes communes.csv.gz [--scale 0.01] [--seed 42] [--out DIR] [--zip]");
            System.exit(2);
        }
        List<Place> places = new ArrayList<>(); // code;nom;departement;region;epci;population;…
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(communes)), StandardCharsets.UTF_8))) {
            List<String> header = List.of(in.readLine().split(";", -1));
            int codeAt = header.indexOf("code"), populationAt = header.indexOf("population");
            int latitudeAt = header.indexOf("latitude"), longitudeAt = header.indexOf("longitude");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(";", -1);
                String population = f[populationAt].trim();
                boolean point =
                        latitudeAt >= 0 && longitudeAt >= 0 && !f[latitudeAt].isBlank() && !f[longitudeAt].isBlank();
                places.add(new Place(
                        f[codeAt].trim(),
                        population.isEmpty() ? 1 : Integer.parseInt(population),
                        point ? Double.valueOf(f[latitudeAt].trim()) : null,
                        point ? Double.valueOf(f[longitudeAt].trim()) : null));
            }
        }
        var threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime(), cpuStart = threads.getCurrentThreadCpuTime();
        Result r = new SireneGenerator(places).generate(new Options(seed, scale, zip), out);
        double seconds = (System.nanoTime() - start) / 1e9, cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        long rows = r.units() + r.establishments();
        System.out.printf(
                "%d units, %d establishments in %.1f s, %.1f s of CPU (%.0f rows/s, %.0f per CPU second)%n"
                        + "%s: %d bytes%n%s: %d bytes%n",
                r.units(),
                r.establishments(),
                seconds,
                cpu,
                rows / seconds,
                rows / cpu,
                r.unitsFile(),
                Files.size(r.unitsFile()),
                r.establishmentsFile(),
                Files.size(r.establishmentsFile()));
    }
}
