package fr.essor.shared;

/** CSV for spreadsheets: a field quoted when needed, and a leading formula character neutralised. */
public final class Csv {

    private Csv() {}

    /** A CSV field; null is empty, a number (negative included) stays a number. */
    public static String field(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9]+(\\.[0-9]+)?")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || v.startsWith("'")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
