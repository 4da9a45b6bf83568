package fr.essor.observatory;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the observatory.
 *
 * @param region the region the observatory home presents (INSEE code)
 * @param memoryLimit DuckDB's memory limit during an import ({@code 2GB}); it spills to disk beyond
 * @param workDir where an import unpacks zip files and DuckDB spills
 * @param importDir the only directory whose files an admin may import from the web interface
 * @param maxOrphanShare share of establishments whose unit is missing from the units file above which
 *        the two files are refused as not matching
 */
@ConfigurationProperties("essor.observatory")
public record ObservatorySettings(
        @DefaultValue("76") String region,
        @DefaultValue("2GB") String memoryLimit,
        @DefaultValue("data/observatory") Path workDir,
        @DefaultValue("data/sirene") Path importDir,
        @DefaultValue("0.01") double maxOrphanShare,
        @DefaultValue Demo demo) {

    /** The demonstration vintage generated at first start. */
    public record Demo(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0.01") double scale) {}
}
