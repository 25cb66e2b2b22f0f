/* Maintainer tool (not built by CMake, not run by users or CI): writes every city of the GeoNames
 * cities dataset embedded in Debian's libgeonames0 to stdout as CSV, one row per city:
 *   name,admin1,country,iso2,lat,lon,population   (WGS84 degrees)
 * Built and run by maps/extract-gazetteer.sh; see maps/README.md. Run it under LC_ALL=C so that the
 * library's gettext catalogue does not translate names, states or countries. */
#include <geonames.h>

#include <stdio.h>

/* Writes `s` as an RFC 4180 field: always quoted, inner quotes doubled. */
static void put_field(const char *s)
{
    putchar('"');
    for (const char *c = s ? s : ""; *c; ++c) {
        if (*c == '"')
            putchar('"');
        if (*c == '\n' || *c == '\r')
            putchar(' ');
        else
            putchar(*c);
    }
    putchar('"');
}

int main(void)
{
    const int n = geonames_get_n_cities();
    if (n <= 0) {
        fprintf(stderr, "extract_gazetteer: libgeonames reports no cities\n");
        return 1;
    }
    puts("name,admin1,country,iso2,lat,lon,population");
    for (int i = 0; i < n; ++i) {
        GeonamesCity *city = geonames_get_city(i);
        if (!city) {
            fprintf(stderr, "extract_gazetteer: city %d is missing\n", i);
            return 1;
        }
        put_field(geonames_city_get_name(city));
        putchar(',');
        put_field(geonames_city_get_state(city));
        putchar(',');
        put_field(geonames_city_get_country(city));
        putchar(',');
        put_field(geonames_city_get_country_code(city));
        printf(",%.5f,%.5f,%u\n", geonames_city_get_latitude(city), geonames_city_get_longitude(city),
               geonames_city_get_population(city));
        geonames_city_free(city);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("extract_gazetteer: writing CSV");
        return 1;
    }
    fprintf(stderr, "extract_gazetteer: %d cities\n", n);
    return 0;
}
