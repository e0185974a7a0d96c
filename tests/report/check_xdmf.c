/* check_xdmf FILE.xmf ...: every HDF5 dataset an XDMF file names exists, is 8-byte floating point, and has
 * the number of values its DataItem states (the shape for plain items; for hyperslab items the selection
 * fits the source). Prints each grid; exit 0 when all hold. */
#include <hdf5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int CheckItem(const char *dir, const char *dims_attr, const char *ref, int hyperslab)
{
  char        file[1024], path[512], full[2200];
  hid_t       f, d, t, sp;
  hsize_t     dims[8], n_file = 1, n_stated = 1;
  int         nd, ok;
  const char *colon = strchr(ref, ':');
  if (!colon) return printf("  bad reference %s\n", ref), 0;
  snprintf(file, sizeof(file), "%.*s", (int) (colon - ref), ref);
  snprintf(path, sizeof(path), "%s", colon + 1);
  snprintf(full, sizeof(full), "%s/%s", dir, file);
  f = H5Fopen(full, H5F_ACC_RDONLY, H5P_DEFAULT);
  if (f < 0) return printf("  cannot open %s\n", full), 0;
  if (H5Lexists(f, path, H5P_DEFAULT) <= 0) {
    H5Fclose(f);
    return printf("  %s:%s does not exist\n", file, path), 0;
  }
  d  = H5Dopen2(f, path, H5P_DEFAULT);
  t  = H5Dget_type(d);
  sp = H5Dget_space(d);
  nd = H5Sget_simple_extent_dims(sp, dims, NULL);
  for (int k = 0; k < nd; k++) n_file *= dims[k];
  for (const char *s = dims_attr; *s;) {
    char *end;
    n_stated *= strtoull(s, &end, 10);
    if (end == s) break;
    s = end;
    while (*s == ' ') s++;
  }
  ok = H5Tget_class(t) == H5T_FLOAT && H5Tget_size(t) == 8 && (hyperslab ? n_stated <= n_file : n_stated == n_file);
  printf("  %-52s %s %llu values (stated %s) %s\n", path, H5Tget_class(t) == H5T_FLOAT ? "float" : "NOT FLOAT",
         (unsigned long long) n_file, dims_attr, ok ? "ok" : "MISMATCH");
  H5Sclose(sp);
  H5Tclose(t);
  H5Dclose(d);
  H5Fclose(f);
  return ok;
}

int main(int argc, char **argv)
{
  int bad = 0, items = 0;
  for (int a = 1; a < argc; a++) {
    FILE *fp = fopen(argv[a], "r");
    char  line[4096], dir[1024], last_dims[256] = "", outer_dims[256] = "";
    int   in_slab = 0;
    snprintf(dir, sizeof(dir), "%s", argv[a]);
    if (strrchr(dir, '/'))
      *strrchr(dir, '/') = 0;
    else
      snprintf(dir, sizeof(dir), ".");
    if (!fp) {
      printf("cannot open %s\n", argv[a]);
      return 1;
    }
    printf("%s\n", argv[a]);
    while (fgets(line, sizeof(line), fp)) {
      char *dims = strstr(line, "Dimensions=\"");
      if (strstr(line, "<Grid ")) printf(" grid %s", strstr(line, "Name="));
      if (strstr(line, "ItemType=\"HyperSlab\"") && dims) {
        in_slab = 1;
        sscanf(dims + 12, "%255[^\"]", outer_dims);
        continue;
      }
      if (strstr(line, "</DataItem>") && !strstr(line, "<DataItem") && in_slab) in_slab = 0;
      if (dims && strstr(line, "Format=\"HDF\"")) {
        char ref[1024];
        sscanf(dims + 12, "%255[^\"]", last_dims);
        if (sscanf(strchr(line, '>') + 1, "%1023[^<]", ref) != 1) {
          bad++;
          continue;
        }
        items++;
        if (!CheckItem(dir, in_slab ? outer_dims : last_dims, ref, in_slab)) bad++;
      }
    }
    fclose(fp);
  }
  printf("%d datasets named, %d wrong\n", items, bad);
  return bad || !items;
}
