/* Case loading and validation (libconfig). See case.h for the contract. */
#include "case.h"
#include "../physics/stage.h"
#include <libconfig.h>
#include <stdarg.h>
#include <string.h>
#include <math.h>
#include <libgen.h>
#include <stdlib.h>
#include <errno.h>
#include <limits.h>
#include <sys/stat.h>

/* Append t to the string in buf (len bytes), truncating: PETSc 3.18's PetscStrlcat limits by the length of
 * the appended text rather than the room left, and can overrun. */
static void AppendText(char *buf, size_t len, const char *t)
{
  size_t l = strlen(buf);
  if (l + 1 < len) snprintf(buf + l, len - l, "%s", t);
}

#define CASE_PATH_LEN 256
#define CASE_MSG_LEN  1024

/* ---------------------------------------------------------------------------------------------
 * The key schema: every key of every section, registered once per process. */
typedef struct {
  char               section[64];
  const CaseKeySpec *spec;
} SchemaEntry;

static SchemaEntry *schema       = NULL;
static PetscInt     schema_n     = 0;
static PetscInt     schema_alloc = 0;

PetscErrorCode CaseKeysRegister(const char *section, const CaseKeySpec specs[], PetscInt n)
{
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < n; i++) {
    const char *unit = specs[i].unit;
    size_t      lp, lu;
    PetscCall(UnitsToSI(unit, NULL, NULL, NULL));
    /* The unit lives in the key name: enforce it so that no key can hide its unit. */
    if (strcmp(unit, "-")) {
      lp = strlen(specs[i].path);
      lu = strlen(unit);
      PetscCheck(lp > lu + 1 && !strcmp(specs[i].path + lp - lu, unit) && specs[i].path[lp - lu - 1] == '_',
                 PETSC_COMM_SELF, PETSC_ERR_PLIB, "Key %s must end in _%s", specs[i].path, unit);
    }
    /* a choice list belongs to a string key and needs a destination for the position it gives */
    PetscCheck(!specs[i].choices || (specs[i].type == CASE_STRING && specs[i].field), PETSC_COMM_SELF, PETSC_ERR_PLIB,
               "Key %s: choices need a CASE_STRING key with a CASE_FIELD", specs[i].path);
    PetscCheck(!specs[i].field || specs[i].type != CASE_STRING_ARRAY, PETSC_COMM_SELF, PETSC_ERR_PLIB,
               "Key %s: string arrays are read by hand (no CASE_FIELD)", specs[i].path);
    if (schema_n == schema_alloc) {
      schema_alloc = schema_alloc ? 2 * schema_alloc : 256;
      PetscCall(PetscRealloc(sizeof(SchemaEntry) * schema_alloc, &schema));
    }
    PetscCall(PetscStrncpy(schema[schema_n].section, section, sizeof(schema[schema_n].section)));
    schema[schema_n].spec = &specs[i];
    schema_n++;
  }
  PetscFunctionReturn(0);
}

PetscErrorCode CaseKeysGetCount(PetscInt *n)
{
  PetscFunctionBeginUser;
  *n = schema_n;
  PetscFunctionReturn(0);
}

PetscErrorCode CaseKeysGetEntry(PetscInt i, const char **section, const CaseKeySpec **spec)
{
  PetscFunctionBeginUser;
  PetscCheck(i >= 0 && i < schema_n, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
             "Schema entry %" PetscInt_FMT " of %" PetscInt_FMT, i, schema_n);
  if (section) *section = schema[i].section;
  if (spec) *spec = schema[i].spec;
  PetscFunctionReturn(0);
}

PetscErrorCode CaseKeysFinalize(void)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree(schema));
  schema_n = schema_alloc = 0;
  PetscFunctionReturn(0);
}

static const CaseKeySpec *SchemaFind(const char *generic)
{
  for (PetscInt i = 0; i < schema_n; i++)
    if (!strcmp(schema[i].spec->path, generic)) return schema[i].spec;
  return NULL;
}

/* A group or list is known when some key lives below it. */
static PetscBool SchemaHasPrefix(const char *generic)
{
  size_t l = strlen(generic);
  for (PetscInt i = 0; i < schema_n; i++)
    if (!strncmp(schema[i].spec->path, generic, l) && schema[i].spec->path[l] == '.') return PETSC_TRUE;
  return PETSC_FALSE;
}

static size_t Levenshtein(const char *a, const char *b)
{
  size_t la = strlen(a), lb = strlen(b), prev[CASE_PATH_LEN + 1], cur[CASE_PATH_LEN + 1];
  if (la > CASE_PATH_LEN || lb > CASE_PATH_LEN) return (size_t) -1;
  for (size_t j = 0; j <= lb; j++) prev[j] = j;
  for (size_t i = 1; i <= la; i++) {
    cur[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]), del = prev[j] + 1, ins = cur[j - 1] + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
    }
    memcpy(prev, cur, sizeof(size_t) * (lb + 1));
  }
  return prev[lb];
}

/* Closest known key (or group) to an unknown generic path. */
static const char *SchemaClosest(const char *generic)
{
  const char *best  = NULL;
  size_t      bestd = (size_t) -1;
  for (PetscInt i = 0; i < schema_n; i++) {
    /* a key written without its unit suffix is closest to the key that starts with it */
    char   prefix[CASE_PATH_LEN];
    size_t d = Levenshtein(generic, schema[i].spec->path), dp;
    snprintf(prefix, sizeof(prefix), "%.*s", (int) strlen(generic), schema[i].spec->path);
    dp = Levenshtein(generic, prefix) + 1;
    if (strlen(schema[i].spec->path) > strlen(generic) && dp < d) d = dp;
    if (d < bestd) {
      bestd = d;
      best  = schema[i].spec->path;
    }
  }
  return best;
}

/* ---------------------------------------------------------------------------------------------
 * The case object */
struct _p_EprocCase {
  MPI_Comm  comm;
  config_t  cfg;
  PetscBool loaded, setup;
  char      filename[PETSC_MAX_PATH_LEN];
  char      directory[PETSC_MAX_PATH_LEN];
  char     *text; /* the case file as read (integers are checked against their tokens in it) */
  size_t    textlen;
  char    **overrides; /* the --set assignments, kept for messages */
  PetscInt  noverrides;
  /* while a stage instance reads its keys: paths that start with its type name address its own section */
  char scope_type[64], scope_instance[64];
};

PetscErrorCode CaseCreate(MPI_Comm comm, EprocCase *c)
{
  PetscFunctionBeginUser;
  PetscCall(PetscNew(c));
  (*c)->comm = comm;
  config_init(&(*c)->cfg);
  PetscFunctionReturn(0);
}

PetscErrorCode CaseDestroy(EprocCase *c)
{
  PetscFunctionBeginUser;
  if (!*c) PetscFunctionReturn(0);
  config_destroy(&(*c)->cfg);
  free((*c)->text);
  for (PetscInt i = 0; i < (*c)->noverrides; i++) PetscCall(PetscFree((*c)->overrides[i]));
  PetscCall(PetscFree((*c)->overrides));
  PetscCall(PetscFree(*c));
  PetscFunctionReturn(0);
}

PetscErrorCode CaseGetComm(EprocCase c, MPI_Comm *comm)
{
  PetscFunctionBeginUser;
  *comm = c->comm;
  PetscFunctionReturn(0);
}

PetscErrorCode CaseGetFileName(EprocCase c, const char **filename)
{
  PetscFunctionBeginUser;
  *filename = c->filename;
  PetscFunctionReturn(0);
}

PetscErrorCode CaseGetDirectory(EprocCase c, const char **dir)
{
  PetscFunctionBeginUser;
  *dir = c->directory;
  PetscFunctionReturn(0);
}

/* Where a setting came from: "file:line" or "--set path=value". */
static void SettingOrigin(EprocCase c, const config_setting_t *s, char *buf, size_t len)
{
  const char *override = s ? (const char *) config_setting_get_hook(s) : NULL;
  if (override)
    snprintf(buf, len, "command line (--set %s)", override);
  else if (s && config_setting_source_line(s) > 0)
    snprintf(buf, len, "%s:%u", config_setting_source_file(s) ? config_setting_source_file(s) : c->filename,
             config_setting_source_line(s));
  else
    snprintf(buf, len, "%s", c->filename);
}

static PetscErrorCode CaseErrorAt(EprocCase c, const config_setting_t *s, const char *fmt, ...)
{
  char    origin[PETSC_MAX_PATH_LEN + 64], msg[CASE_MSG_LEN];
  va_list ap;
  PetscFunctionBeginUser;
  SettingOrigin(c, s, origin, sizeof(origin));
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  SETERRQ(c->comm, PETSC_ERR_USER_INPUT, "%s: %s", origin, msg);
}

/* Limits on an input file, checked before libconfig reads it: libconfig 1.5 adds a setting to a group in time
 * proportional to the group's size (60 000 keys take a minute) and reads @include'd files of any kind (a FIFO
 * blocks for ever). Shipped cases are a few kB with about 60 keys; materials.cfg about 300. */
#define CASE_MAX_FILE_BYTES (256 * 1024)
#define CASE_MAX_SETTINGS   5000

/* Read a whole input file: regular, under the size cap, no NUL bytes, no @include, at most CASE_MAX_SETTINGS
 * assignments. On success *text is NUL-terminated and msg empty; otherwise msg says why (*text is NULL). */
static void ReadInputFile(const char *filename, const char *what, char **text, size_t *len, char *msg, size_t msglen)
{
  struct stat st;
  FILE       *fp;
  size_t      n, nassign = 0, line = 1;
  char       *buf;
  int         at_line_start = 1;
  *text                     = NULL;
  msg[0]                    = 0;
  if (stat(filename, &st)) {
    snprintf(msg, msglen, "%s: cannot open the %s (%s)", filename, what, strerror(errno));
    return;
  }
  if (!S_ISREG(st.st_mode)) {
    snprintf(msg, msglen, "%s: the %s is not a regular file", filename, what);
    return;
  }
  if (st.st_size > CASE_MAX_FILE_BYTES) {
    snprintf(msg, msglen, "%s: the %s has %lld bytes; input files are limited to %d kB", filename, what,
             (long long) st.st_size, CASE_MAX_FILE_BYTES / 1024);
    return;
  }
  if (!(fp = fopen(filename, "rb"))) {
    snprintf(msg, msglen, "%s: cannot open the %s (%s)", filename, what, strerror(errno));
    return;
  }
  if (!(buf = (char *) malloc(CASE_MAX_FILE_BYTES + 2))) {
    fclose(fp);
    snprintf(msg, msglen, "%s: out of memory reading the %s", filename, what);
    return;
  }
  n = fread(buf, 1, CASE_MAX_FILE_BYTES + 1, fp);
  fclose(fp);
  buf[n] = 0;
  for (size_t i = 0; i < n && !msg[0]; i++) {
    char ch = buf[i];
    if (n > CASE_MAX_FILE_BYTES)
      snprintf(msg, msglen, "%s: the %s grew while being read", filename, what);
    else if (ch == 0)
      snprintf(msg, msglen, "%s:%zu: the %s holds a NUL byte (a binary file?)", filename, line, what);
    else if (at_line_start && ch == '@')
      snprintf(msg, msglen, "%s:%zu: directives such as @include are not allowed in a %s", filename, line, what);
    if (ch == '=' || ch == ':') nassign++;
    if (ch == '\n') line++;
    at_line_start = ch == '\n' || (at_line_start && (ch == ' ' || ch == '\t' || ch == '\r'));
  }
  if (!msg[0] && nassign > CASE_MAX_SETTINGS)
    snprintf(msg, msglen, "%s: the %s holds %zu settings; input files are limited to %d", filename, what, nassign,
             CASE_MAX_SETTINGS);
  if (msg[0]) {
    free(buf);
    return;
  }
  *text = buf;
  if (len) *len = n;
}

PetscErrorCode CaseCheckInputFile(MPI_Comm comm, const char *filename, const char *what)
{
  char *text = NULL, msg[PETSC_MAX_PATH_LEN + 160];
  PetscFunctionBeginUser;
  ReadInputFile(filename, what, &text, NULL, msg, sizeof(msg));
  free(text);
  PetscCheck(!msg[0], comm, PETSC_ERR_USER_INPUT, "%s", msg);
  PetscFunctionReturn(0);
}

PetscErrorCode CaseLoad(EprocCase c, const char *filename)
{
  char *copy;
  PetscFunctionBeginUser;
  PetscCheck(!c->loaded, c->comm, PETSC_ERR_ARG_WRONGSTATE, "The case is loaded already");
  PetscCall(PetscStrncpy(c->filename, filename, sizeof(c->filename)));
  PetscCall(PetscStrallocpy(filename, &copy));
  PetscCall(PetscStrncpy(c->directory, dirname(copy), sizeof(c->directory)));
  PetscCall(PetscFree(copy));
  {
    char msg[PETSC_MAX_PATH_LEN + 160];
    ReadInputFile(filename, "case file", &c->text, &c->textlen, msg, sizeof(msg));
    PetscCheck(!msg[0], c->comm, PETSC_ERR_USER_INPUT, "%s", msg);
  }
  /* from the checked text, so that nothing but it is read (no @include: checked above) */
  if (config_read_string(&c->cfg, c->text) != CONFIG_TRUE) {
    SETERRQ(c->comm, PETSC_ERR_USER_INPUT, "%s:%d: %s (libconfig syntax: key = value; groups in { }, lists in ( ))",
            config_error_file(&c->cfg) ? config_error_file(&c->cfg) : filename, config_error_line(&c->cfg),
            config_error_text(&c->cfg));
  }
  c->loaded = PETSC_TRUE;
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * Paths: "a.b.[2].c". Concrete paths name list items by index; generic ones by "[]". */
static PetscErrorCode PathToGeneric(const char *concrete, char *generic, size_t len)
{
  size_t j = 0;
  PetscFunctionBeginUser;
  for (size_t i = 0; concrete[i] && j + 3 < len; i++) {
    if (concrete[i] == '[') {
      generic[j++] = '[';
      while (concrete[i] && concrete[i] != ']') i++;
      generic[j++] = ']';
      if (!concrete[i]) break;
    } else
      generic[j++] = concrete[i];
  }
  generic[j] = 0;
  PetscFunctionReturn(0);
}

/* Walk a concrete path; *s is NULL when any component is absent. */
static config_setting_t *PathLookup(const config_t *cfg, const char *path)
{
  char              buf[CASE_PATH_LEN], *tok, *save = NULL;
  config_setting_t *s = config_root_setting(cfg);
  if (strlen(path) >= sizeof(buf)) return NULL;
  strcpy(buf, path);
  for (tok = strtok_r(buf, ".", &save); tok && s; tok = strtok_r(NULL, ".", &save)) {
    if (tok[0] == '[') {
      char *end;
      long  idx = strtol(tok + 1, &end, 10);
      if (*end != ']' || idx < 0 || (!config_setting_is_list(s) && !config_setting_is_array(s))) return NULL;
      s = config_setting_get_elem(s, (unsigned) idx);
    } else {
      if (!config_setting_is_group(s)) return NULL;
      s = config_setting_get_member(s, tok);
    }
  }
  return s;
}

static void SettingConcretePath(const config_setting_t *s, char *buf, size_t len)
{
  const config_setting_t *chain[64];
  int                     n = 0;
  buf[0]                    = 0;
  for (const config_setting_t *p = s; p && config_setting_parent(p); p = config_setting_parent(p))
    if (n < 64) chain[n++] = p;
  for (int k = n - 1; k >= 0; k--) {
    const config_setting_t *p   = chain[k];
    const char             *sep = buf[0] ? "." : "";
    size_t                  l   = strlen(buf);
    if (config_setting_name(p))
      snprintf(buf + l, len - l, "%s%s", sep, config_setting_name(p));
    else
      snprintf(buf + l, len - l, "%s[%d]", sep, config_setting_index(p));
  }
}

/* ---------------------------------------------------------------------------------------------
 * Stage instances. process.stages lists "type" or "instance:type"; the instance name is the stage's
 * section in the file. Keys of a section are validated against the schema of its stage type. */
static PetscBool IsCoreSection(const char *section)
{
  PetscBool stage = PETSC_FALSE;
  if (StageIsRegistered(section, &stage)) return PETSC_FALSE;
  if (stage) return PETSC_FALSE;
  for (PetscInt i = 0; i < schema_n; i++)
    if (!strcmp(schema[i].section, section)) return PETSC_TRUE;
  return PETSC_FALSE;
}

/* Split one process.stages item into instance name and type; PETSC_FALSE when the item is malformed. */
static PetscBool SplitStageItem(const char *item, char *instance, char *type, size_t len)
{
  const char *colon    = strchr(item, ':');
  const char *name_end = colon ? colon : item + strlen(item);
  if (!item[0] || (size_t) (name_end - item) >= len || strlen(colon ? colon + 1 : item) >= len) return PETSC_FALSE;
  snprintf(instance, len, "%.*s", (int) (name_end - item), item);
  snprintf(type, len, "%s", colon ? colon + 1 : item);
  for (const char *p = instance; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')) return PETSC_FALSE;
  return instance[0] && type[0] && !strchr(type, ':') ? PETSC_TRUE : PETSC_FALSE;
}

/* The stage type of a section named in the route, or NULL when the route has no such instance. */
static const char *InstanceType(const EprocCase c, const char *section, char *type, size_t len)
{
  config_setting_t *stages = config_lookup((config_t *) &c->cfg, "process.stages");
  if (!stages || (!config_setting_is_array(stages) && !config_setting_is_list(stages))) return NULL;
  for (int i = 0; i < config_setting_length(stages); i++) {
    const char *item = config_setting_get_string_elem(stages, (unsigned) i);
    char        inst[64];
    if (item && SplitStageItem(item, inst, type, len) && !strcmp(inst, section)) return type;
  }
  return NULL;
}

/* A generic path in the file's terms ("second_pass.line_load_N_per_mm") in the schema's terms
 * ("calendering.line_load_N_per_mm"). */
static void GenericToSchema(const EprocCase c, const char *generic, char *out, size_t len)
{
  char        section[64], type[64];
  const char *dot = strchr(generic, '.');
  size_t      l   = dot ? (size_t) (dot - generic) : strlen(generic);
  snprintf(out, len, "%s", generic);
  if (l >= sizeof(section)) return;
  snprintf(section, sizeof(section), "%.*s", (int) l, generic);
  if (InstanceType(c, section, type, sizeof(type))) snprintf(out, len, "%s%s", type, dot ? dot : "");
}

/* A path as a stage asks for it ("calendering.x") in the file's terms for the instance now reading ("pass_2.x"). */
static void ScopedPath(const EprocCase c, const char *path, char *out, size_t len)
{
  size_t l = strlen(c->scope_type);
  if (l && !strncmp(path, c->scope_type, l) && (path[l] == '.' || !path[l]))
    snprintf(out, len, "%s%s", c->scope_instance, path + l);
  else
    snprintf(out, len, "%s", path);
}

PetscErrorCode CasePushStageScope(EprocCase c, const char *type, const char *instance)
{
  PetscFunctionBeginUser;
  PetscCheck(!c->scope_type[0], c->comm, PETSC_ERR_ARG_WRONGSTATE, "A stage scope is already open");
  PetscCall(PetscStrncpy(c->scope_type, type, sizeof(c->scope_type)));
  PetscCall(PetscStrncpy(c->scope_instance, instance, sizeof(c->scope_instance)));
  PetscFunctionReturn(0);
}

PetscErrorCode CasePopStageScope(EprocCase c)
{
  PetscFunctionBeginUser;
  c->scope_type[0] = c->scope_instance[0] = 0;
  PetscFunctionReturn(0);
}

PetscErrorCode CaseGetNumStages(EprocCase c, PetscInt *n)
{
  config_setting_t *stages = config_lookup(&c->cfg, "process.stages");
  PetscFunctionBeginUser;
  PetscCheck(c->setup, c->comm, PETSC_ERR_ARG_WRONGSTATE, "Call CaseSetUp() first");
  *n = stages ? (PetscInt) config_setting_length(stages) : 0;
  PetscFunctionReturn(0);
}

PetscErrorCode CaseGetStage(EprocCase c, PetscInt i, char instance[64], char type[64])
{
  config_setting_t *stages = config_lookup(&c->cfg, "process.stages");
  const char       *item;
  PetscFunctionBeginUser;
  PetscCheck(c->setup && stages && i >= 0 && i < config_setting_length(stages), c->comm, PETSC_ERR_ARG_OUTOFRANGE,
             "No stage %" PetscInt_FMT " in the route", i);
  item = config_setting_get_string_elem(stages, (unsigned) i);
  PetscCheck(item && SplitStageItem(item, instance, type, 64), c->comm, PETSC_ERR_PLIB, "Unchecked route item");
  PetscFunctionReturn(0);
}

/* The route's items: well formed, registered types, distinct instance names that cannot be mistaken for a
 * core section or for another stage type. Checked before any other key, since sections depend on it. */
static PetscErrorCode ValidateRoute(EprocCase c)
{
  config_setting_t *stages = config_lookup(&c->cfg, "process.stages");
  char              known[512];
  PetscFunctionBeginUser;
  if (!stages) PetscFunctionReturn(0); /* reported as a missing required key */
  if (!config_setting_is_array(stages) && !config_setting_is_list(stages)) PetscFunctionReturn(0);
  PetscCall(StageGetRegisteredNames(known, sizeof(known)));
  for (int i = 0; i < config_setting_length(stages); i++) {
    const char *item = config_setting_get_string_elem(stages, (unsigned) i);
    char        inst[64], type[64];
    PetscBool   registered, inst_is_type;
    if (!item) continue; /* reported by the type check of process.stages */
    if (!SplitStageItem(item, inst, type, sizeof(inst)))
      PetscCall(CaseErrorAt(c, stages,
                            "key 'process.stages': item '%s' is not \"type\" or \"instance:type\" (instance names: "
                            "lower-case letters, digits and _)",
                            item));
    PetscCall(StageIsRegistered(type, &registered));
    if (!registered)
      PetscCall(CaseErrorAt(c, stages, "key 'process.stages': stage '%s' is not known (registered: %s)", type, known));
    PetscCall(StageIsRegistered(inst, &inst_is_type));
    if ((inst_is_type && strcmp(inst, type)) || IsCoreSection(inst))
      PetscCall(CaseErrorAt(c, stages,
                            "key 'process.stages': instance name '%s' is taken by %s; choose another name for this "
                            "'%s' stage",
                            inst, inst_is_type ? "another stage type" : "a core section", type));
    for (int k = 0; k < i; k++) {
      const char *other = config_setting_get_string_elem(stages, (unsigned) k);
      char        oinst[64], otype[64];
      if (other && SplitStageItem(other, oinst, otype, sizeof(oinst)) && !strcmp(oinst, inst))
        PetscCall(CaseErrorAt(c, stages,
                              "key 'process.stages': stage instance '%s' appears twice; give the second one its own "
                              "name, e.g. \"%s_2:%s\"",
                              inst, inst, type));
    }
  }
  PetscFunctionReturn(0);
}

static const char *TypeName(CaseKeyType t)
{
  switch (t) {
  case CASE_REAL:
    return "a number";
  case CASE_INT:
    return "an integer";
  case CASE_BOOL:
    return "true or false";
  case CASE_STRING:
    return "a quoted string";
  case CASE_STRING_ARRAY:
    return "an array of quoted strings [\"a\", \"b\"]";
  }
  return "?";
}

/* libconfig 1.5 reads an integer token into a C int without an overflow check: 4294967304 becomes 8 and
 * 2147483648 a negative number. Integer settings from the file are therefore checked against their token in the
 * text: the n-th "name = <integer>" on the setting's line (comments and strings skipped), n counting the settings
 * of that name on that line before it. */
static void CountSameNameBefore(const config_setting_t *root, const config_setting_t *s, int *count, PetscBool *done)
{
  for (int i = 0; !*done && i < config_setting_length(root); i++) {
    const config_setting_t *e = config_setting_get_elem(root, (unsigned) i);
    if (!e) continue;
    if (e == s) {
      *done = PETSC_TRUE;
      return;
    }
    if (config_setting_name(e) && !strcmp(config_setting_name(e), config_setting_name(s)) &&
        config_setting_source_line(e) == config_setting_source_line(s))
      (*count)++;
    if (config_setting_is_aggregate(e)) CountSameNameBefore(e, s, count, done);
  }
}

static int IsNameChar(char ch)
{
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' ||
         ch == '*';
}

/* The token of the setting in the text (token[0] == 0 when it cannot be found). */
static void SourceToken(EprocCase c, const config_setting_t *s, char *token, size_t len)
{
  const char *name = config_setting_name(s), *t = c->text;
  unsigned    line = config_setting_source_line(s), cur = 1;
  int         want = 0, seen = 0;
  PetscBool   done = PETSC_FALSE, in_block = PETSC_FALSE;
  size_t      nl;
  token[0] = 0;
  if (!t || !name || !line) return;
  nl = strlen(name);
  CountSameNameBefore(config_root_setting(&c->cfg), s, &want, &done);
  for (size_t i = 0; t[i] && cur <= line; i++) {
    if (t[i] == '\n') {
      cur++;
      continue;
    }
    if (in_block) {
      if (t[i] == '*' && t[i + 1] == '/') in_block = PETSC_FALSE, i++;
      continue;
    }
    if (t[i] == '/' && t[i + 1] == '*') {
      in_block = PETSC_TRUE;
      i++;
      continue;
    }
    if (t[i] == '#' || (t[i] == '/' && t[i + 1] == '/')) {
      while (t[i + 1] && t[i + 1] != '\n') i++;
      continue;
    }
    if (t[i] == '"') {
      for (i++; t[i] && t[i] != '"' && t[i] != '\n'; i++)
        if (t[i] == '\\' && t[i + 1] && t[i + 1] != '\n') i++;
      if (!t[i]) break;
      if (t[i] == '\n') cur++;
      continue;
    }
    if (cur == line && (i == 0 || !IsNameChar(t[i - 1])) && !strncmp(t + i, name, nl) && !IsNameChar(t[i + nl])) {
      size_t j = i + nl, k;
      while (t[j] == ' ' || t[j] == '\t') j++;
      if (t[j] != '=' && t[j] != ':') continue;
      for (j++; t[j] == ' ' || t[j] == '\t';) j++;
      k = j;
      if (t[k] == '+' || t[k] == '-') k++;
      while (IsNameChar(t[k]) && t[k] != '-' && t[k] != '*') k++;
      if (seen++ == want) {
        snprintf(token, len, "%.*s", (int) (k - j), t + j);
        return;
      }
      i = k - 1;
    }
  }
}

/* The value of an integer token as libconfig accepts them ([+-] decimal or 0x hex, optional L/LL); *exact is
 * PETSC_FALSE when it does not fit a long long. */
static PetscBool ParseIntegerToken(const char *token, long long *v, double *approx, PetscBool *exact)
{
  char       *end;
  const char *p    = token;
  int         base = 10;
  if (*p == '+' || *p == '-') p++;
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) base = 16;
  if (!((*p >= '0' && *p <= '9'))) return PETSC_FALSE;
  errno   = 0;
  *v      = strtoll(token, &end, base);
  *exact  = errno == ERANGE ? PETSC_FALSE : PETSC_TRUE;
  *approx = base == 10 ? strtod(token, NULL) : (double) *v;
  if (end == token) return PETSC_FALSE;
  if (*end == 'L') end++;
  if (*end == 'L') end++;
  return *end ? PETSC_FALSE : PETSC_TRUE;
}

static PetscErrorCode CheckValue(EprocCase c, const config_setting_t *s, const char *path, const CaseKeySpec *spec)
{
  int         t = config_setting_type(s);
  const char *disp;
  PetscFunctionBeginUser;
  PetscCall(UnitsToSI(spec->unit, NULL, NULL, &disp));
  if (!strcmp(spec->unit, "-")) disp = "";
  switch (spec->type) {
  case CASE_REAL:
  case CASE_INT: {
    double v;
    if (spec->type == CASE_INT && t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64)
      PetscCall(CaseErrorAt(c, s, "key '%s' must be %s", path, TypeName(spec->type)));
    if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64 && t != CONFIG_TYPE_FLOAT)
      PetscCall(CaseErrorAt(c, s, "key '%s' must be %s%s%s", path, TypeName(spec->type), disp[0] ? " in " : "", disp));
    v = t == CONFIG_TYPE_FLOAT ? config_setting_get_float(s) : (double) config_setting_get_int64(s);
    if (t != CONFIG_TYPE_FLOAT && !config_setting_get_hook(s)) {
      char      token[64];
      long long tv;
      double    approx;
      PetscBool exact;
      SourceToken(c, s, token, sizeof(token));
      if (token[0] && ParseIntegerToken(token, &tv, &approx, &exact) && (!exact || tv != config_setting_get_int64(s))) {
        if (approx < spec->min || approx > spec->max)
          PetscCall(CaseErrorAt(c, s, "key '%s' = %s%s%s is outside the allowed range [%g, %g]%s%s: %s", path, token,
                                disp[0] ? " " : "", disp, spec->min, spec->max, disp[0] ? " " : "", disp,
                                spec->why ? spec->why : ""));
        PetscCall(CaseErrorAt(c, s,
                              "key '%s' = %s: integers beyond +-2^31 are misread by the case-file parser; write it as "
                              "a real number (%s.0)",
                              path, token, token));
      }
    }
    if (!isfinite(v) || v < spec->min || v > spec->max)
      PetscCall(CaseErrorAt(c, s, "key '%s' = %g%s%s is outside the allowed range [%g, %g]%s%s: %s", path, v,
                            disp[0] ? " " : "", disp, spec->min, spec->max, disp[0] ? " " : "", disp,
                            spec->why ? spec->why : ""));
  } break;
  case CASE_BOOL:
    if (t != CONFIG_TYPE_BOOL) PetscCall(CaseErrorAt(c, s, "key '%s' must be %s", path, TypeName(spec->type)));
    break;
  case CASE_STRING:
    if (t != CONFIG_TYPE_STRING) PetscCall(CaseErrorAt(c, s, "key '%s' must be %s", path, TypeName(spec->type)));
    break;
  case CASE_STRING_ARRAY:
    if (t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST)
      PetscCall(CaseErrorAt(c, s, "key '%s' must be %s", path, TypeName(spec->type)));
    if (config_setting_length(s) < 1) PetscCall(CaseErrorAt(c, s, "key '%s' must not be empty", path));
    for (int i = 0; i < config_setting_length(s); i++)
      if (config_setting_type(config_setting_get_elem(s, (unsigned) i)) != CONFIG_TYPE_STRING)
        PetscCall(CaseErrorAt(c, s, "key '%s' must be %s", path, TypeName(spec->type)));
    break;
  }
  PetscFunctionReturn(0);
}

/* A top-level section is a core section or a stage instance of the route; a section for a stage type that
 * is not in the route is refused rather than ignored. */
static PetscErrorCode CheckSection(EprocCase c, const config_setting_t *s, const char *name)
{
  char      type[64];
  PetscBool stage;
  PetscFunctionBeginUser;
  if (IsCoreSection(name) || InstanceType(c, name, type, sizeof(type))) PetscFunctionReturn(0);
  PetscCall(StageIsRegistered(name, &stage));
  if (stage)
    PetscCall(CaseErrorAt(c, s,
                          "section '%s' configures a stage that is not in the route (process.stages); add it there "
                          "or remove the section",
                          name));
  PetscFunctionReturn(0); /* anything else is reported as an unknown key or section */
}

/* Every setting in the tree must be a known key (or a group/list holding known keys). */
static PetscErrorCode ValidateTree(EprocCase c, config_setting_t *s)
{
  PetscFunctionBeginUser;
  for (int i = 0; i < config_setting_length(s); i++) {
    config_setting_t  *child = config_setting_get_elem(s, (unsigned) i);
    char               path[CASE_PATH_LEN], generic[CASE_PATH_LEN];
    const CaseKeySpec *spec;
    SettingConcretePath(child, path, sizeof(path));
    PetscCall(PathToGeneric(path, generic, sizeof(generic)));
    if (s == config_root_setting(&c->cfg)) PetscCall(CheckSection(c, child, path));
    {
      char schema_path[CASE_PATH_LEN];
      GenericToSchema(c, generic, schema_path, sizeof(schema_path));
      PetscCall(PetscStrncpy(generic, schema_path, sizeof(generic)));
    }
    spec = SchemaFind(generic);
    if (spec) {
      PetscCall(CheckValue(c, child, path, spec));
      continue;
    }
    if (config_setting_is_group(child) || config_setting_is_list(child)) {
      if (!SchemaHasPrefix(generic)) {
        const char *close = SchemaClosest(generic);
        PetscCall(CaseErrorAt(c, child, "section '%s' is not known%s%s%s", path, close ? "; closest known key: '" : "",
                              close ? close : "", close ? "'" : ""));
      }
      if (config_setting_is_list(child)) {
        for (int k = 0; k < config_setting_length(child); k++) {
          config_setting_t *item = config_setting_get_elem(child, (unsigned) k);
          if (!config_setting_is_group(item))
            PetscCall(CaseErrorAt(c, item, "items of list '%s' must be groups { key = value; ... }", path));
          PetscCall(ValidateTree(c, item));
        }
      } else
        PetscCall(ValidateTree(c, child));
      continue;
    }
    {
      /* a known list or group written as a value: say what it must be rather than that it is unknown */
      char as_list[CASE_PATH_LEN + 8];
      snprintf(as_list, sizeof(as_list), "%s.[]", generic);
      if (SchemaHasPrefix(as_list))
        PetscCall(CaseErrorAt(c, child, "'%s' must be a list of groups ( { key = value; ... }, { ... } )", path));
      if (SchemaHasPrefix(generic)) PetscCall(CaseErrorAt(c, child, "'%s' must be a group { key = value; ... }", path));
    }
    {
      const char *close = SchemaClosest(generic);
      PetscCall(CaseErrorAt(c, child, "key '%s' is not known; did you mean '%s'? (see cases/README.md)", path,
                            close ? close : "?"));
    }
  }
  PetscFunctionReturn(0);
}

/* Required keys: expand "[]" over the items present; report the first missing one. */
static PetscErrorCode CheckRequired(EprocCase c, const char *generic, const char *prefix, config_setting_t *at)
{
  const char *bracket = strstr(generic, "[]");
  char        concrete[CASE_PATH_LEN];
  PetscFunctionBeginUser;
  if (!bracket) {
    snprintf(concrete, sizeof(concrete), "%s%s", prefix, generic);
    if (!PathLookup(&c->cfg, concrete)) {
      /* point at the innermost group that exists, so the message has a line */
      char              parent[CASE_PATH_LEN], *dot;
      config_setting_t *where = NULL;
      snprintf(parent, sizeof(parent), "%s", concrete);
      while (!where && (dot = strrchr(parent, '.'))) {
        *dot  = 0;
        where = PathLookup(&c->cfg, parent);
      }
      PetscCall(CaseErrorAt(c, where ? where : at, "required key '%s' is missing (see cases/README.md)", concrete));
    }
    PetscFunctionReturn(0);
  }
  {
    char              listpath[CASE_PATH_LEN];
    size_t            l = (size_t) (bracket - generic);
    config_setting_t *list;
    snprintf(listpath, sizeof(listpath), "%s%.*s", prefix, (int) (l ? l - 1 : 0), generic);
    list = PathLookup(&c->cfg, listpath);
    if (!list) {
      /* point at the innermost group that exists, so the message has a line */
      char              parent[CASE_PATH_LEN], *dot;
      config_setting_t *where = NULL;
      snprintf(parent, sizeof(parent), "%s", listpath);
      while (!where && (dot = strrchr(parent, '.'))) {
        *dot  = 0;
        where = PathLookup(&c->cfg, parent);
      }
      PetscCall(CaseErrorAt(c, where ? where : at, "required list '%s' is missing (see cases/README.md)", listpath));
    }
    if (config_setting_length(list) < 1) PetscCall(CaseErrorAt(c, list, "list '%s' needs at least one item", listpath));
    for (int k = 0; k < config_setting_length(list); k++) {
      char sub[CASE_PATH_LEN + 16];
      if ((size_t) snprintf(sub, sizeof(sub), "%s.[%d].", listpath, k) >= sizeof(sub)) continue;
      PetscCall(CheckRequired(c, bracket + 3, sub, config_setting_get_elem(list, (unsigned) k)));
    }
  }
  PetscFunctionReturn(0);
}

/* process.petsc_options: a case file, perhaps from someone else, may tune the solvers but must not make eproc
 * write or read files, open windows or change what is logged. Only solver settings (with any prefix, e.g.
 * -drying_ts_type, -pass_2_ksp_rtol) and monitors without an argument (a monitor argument names a viewer,
 * "ascii:/path") are allowed; viewers (-*_view*), -options_file, -log_view, -info, -malloc_*, ... go on the
 * command line, which keeps every PETSc option. The list is checked here and layered into each run's own
 * options database by the route. */
static const char *const case_solver_options[] = {
    /* time steppers */
    "ts_type", "ts_max_steps", "ts_max_time", "ts_time_step", "ts_dt", "ts_rtol", "ts_atol", "ts_max_snes_failures",
    "ts_max_reject", "ts_exact_final_time", "ts_adapt_type", "ts_adapt_dt_min", "ts_adapt_dt_max", "ts_adapt_clip",
    "ts_adapt_safety", "ts_adapt_reject_safety", "ts_adapt_scale_solve_failed", "ts_adapt_max_ignore",
    "ts_adapt_wnormtype", "ts_arkimex_type", "ts_arkimex_fully_implicit", "ts_rk_type", "ts_bdf_order",
    "ts_theta_theta", "ts_theta_endpoint", "ts_rosw_type", "ts_error_if_step_fails",
    /* nonlinear solvers */
    "snes_type", "snes_rtol", "snes_atol", "snes_stol", "snes_max_it", "snes_max_funcs", "snes_max_fail",
    "snes_max_linear_solve_fail", "snes_divergence_tolerance", "snes_linesearch_type", "snes_linesearch_damping",
    "snes_linesearch_max_it", "snes_linesearch_order", "snes_lag_jacobian", "snes_lag_preconditioner", "snes_mf",
    "snes_mf_operator", "snes_fd", "snes_fd_color", "snes_ksp_ew", "snes_error_if_not_converged",
    /* Krylov solvers */
    "ksp_type", "ksp_rtol", "ksp_atol", "ksp_dtol", "ksp_divtol", "ksp_max_it", "ksp_gmres_restart",
    "ksp_gmres_modifiedgramschmidt", "ksp_pc_side", "ksp_norm_type", "ksp_initial_guess_nonzero",
    "ksp_error_if_not_converged", "ksp_chebyshev_esteig", "ksp_richardson_scale", "ksp_reuse_preconditioner",
    /* preconditioners */
    "pc_type", "pc_factor_levels", "pc_factor_fill", "pc_factor_mat_ordering_type", "pc_factor_shift_type",
    "pc_factor_shift_amount", "pc_factor_mat_solver_type", "pc_factor_reuse_ordering", "pc_factor_in_place",
    "pc_mg_levels", "pc_mg_type", "pc_mg_cycle_type", "pc_mg_galerkin", "pc_mg_smoothup", "pc_mg_smoothdown",
    "pc_gamg_type", "pc_gamg_threshold", "pc_gamg_agg_nsmooths", "pc_gamg_square_graph", "pc_gamg_coarse_eq_limit",
    "pc_hypre_type", "pc_hypre_boomeramg_strong_threshold", "pc_hypre_boomeramg_coarsen_type",
    "pc_hypre_boomeramg_relax_type_all", "pc_hypre_boomeramg_max_iter", "pc_asm_overlap", "pc_asm_type",
    "pc_gasm_overlap", "pc_bjacobi_blocks", "pc_sor_omega", "pc_sor_its", "pc_sor_symmetric", "pc_jacobi_type",
    "pc_fieldsplit_type", "pc_use_amat", "pc_eisenstat_omega", NULL};
/* monitors: allowed only without an argument */
static const char *const case_monitor_options[] = {"ts_monitor",
                                                   "ts_adapt_monitor",
                                                   "snes_monitor",
                                                   "snes_monitor_short",
                                                   "snes_converged_reason",
                                                   "snes_linesearch_monitor",
                                                   "ksp_monitor",
                                                   "ksp_monitor_short",
                                                   "ksp_monitor_true_residual",
                                                   "ksp_converged_reason",
                                                   NULL};

/* name (without the dash) is [prefix_]base with base in the list and prefix of [a-z0-9_] */
static PetscBool OptionInList(const char *name, const char *const list[])
{
  size_t ln = strlen(name);
  for (PetscInt i = 0; list[i]; i++) {
    size_t lb = strlen(list[i]);
    if (ln >= lb && !strcmp(name + ln - lb, list[i]) && (ln == lb || name[ln - lb - 1] == '_')) return PETSC_TRUE;
  }
  return PETSC_FALSE;
}

static PetscBool LooksLikeOption(const char *tok)
{
  return tok[0] == '-' && ((tok[1] >= 'a' && tok[1] <= 'z') || (tok[1] >= 'A' && tok[1] <= 'Z') || tok[1] == '-' ||
                           tok[1] == '_')
             ? PETSC_TRUE
             : PETSC_FALSE;
}

static PetscErrorCode CheckCaseOptions(EprocCase c, const char *opts)
{
  char       *buf, *tok, *save = NULL, bad[128] = "", why[256] = "";
  const char *prev         = NULL; /* the option the next value belongs to */
  PetscBool   prev_monitor = PETSC_FALSE;
  PetscFunctionBeginUser;
  if (!opts || !opts[0]) PetscFunctionReturn(0);
  for (const char *p = opts; *p && !why[0]; p++)
    if ((unsigned char) *p < 32 || *p == '"' || *p == '\'' || (unsigned char) *p >= 127)
      snprintf(why, sizeof(why), "holds a %s; separate options with spaces, without quotes",
               *p == '"' || *p == '\'' ? "quote" : "control or non-ASCII character");
  if (why[0]) PetscCall(CaseInputError(c, "process.petsc_options", "%s", why));
  PetscCall(PetscStrallocpy(opts, &buf));
  for (tok = strtok_r(buf, " ", &save); tok && !bad[0]; tok = strtok_r(NULL, " ", &save)) {
    if (!LooksLikeOption(tok)) {
      if (!prev) {
        snprintf(bad, sizeof(bad), "%s", tok);
        snprintf(why, sizeof(why), "is not a PETSc option (options start with -, e.g. -ts_type bdf)");
      } else if (prev_monitor) {
        snprintf(bad, sizeof(bad), "%s %s", prev, tok);
        snprintf(why, sizeof(why),
                 "gives a monitor an output (a viewer or file); in a case file monitors take no argument");
      } else {
        for (const char *p = tok; *p && !why[0]; p++)
          if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_' ||
                *p == '.' || *p == '+' || *p == '-')) {
            snprintf(bad, sizeof(bad), "%s %s", prev, tok);
            snprintf(why, sizeof(why), "has a value that is not a number or a name");
          }
      }
      prev = NULL;
      continue;
    }
    {
      const char *name = tok + 1;
      PetscBool   ok   = PETSC_TRUE;
      for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')) ok = PETSC_FALSE;
      prev_monitor = ok && OptionInList(name, case_monitor_options);
      if (!ok || (!prev_monitor && !OptionInList(name, case_solver_options))) {
        snprintf(bad, sizeof(bad), "%s", tok);
        snprintf(why, sizeof(why),
                 "is not allowed in a case file: only solver settings (-[prefix_]ts_*, snes_*, ksp_*, pc_*) and "
                 "monitors without an argument; viewers, files and other options go on the command line");
      }
      prev = tok;
    }
  }
  PetscCall(PetscFree(buf));
  if (bad[0]) PetscCall(CaseInputError(c, "process.petsc_options", "'%s' %s", bad, why));
  PetscFunctionReturn(0);
}

/* The materials file is read by the materials module; it gets the same limits as the case file, found here with
 * the key's file:line. */
static PetscErrorCode CheckMaterialsFile(EprocCase c)
{
  const char *matfile;
  char        path[PETSC_MAX_PATH_LEN], *text = NULL, msg[PETSC_MAX_PATH_LEN + 160];
  PetscFunctionBeginUser;
  PetscCall(CaseGetString(c, "process.materials_file", &matfile));
  if (matfile[0] == '/')
    PetscCall(PetscStrncpy(path, matfile, sizeof(path)));
  else if ((size_t) snprintf(path, sizeof(path), "%s/%s", c->directory, matfile) >= sizeof(path))
    PetscCall(CaseInputError(c, "process.materials_file", "the path is too long"));
  {
    struct stat st;
    if (stat(path, &st) && errno == ENOENT) PetscFunctionReturn(0); /* reported with the materials */
  }
  ReadInputFile(path, "materials file", &text, NULL, msg, sizeof(msg));
  free(text);
  if (msg[0]) PetscCall(CaseInputError(c, "process.materials_file", "%s", msg));
  PetscFunctionReturn(0);
}

PetscErrorCode CaseSetUp(EprocCase c)
{
  const char *opts;
  PetscFunctionBeginUser;
  PetscCheck(c->loaded, c->comm, PETSC_ERR_ARG_WRONGSTATE, "Call CaseLoad() before CaseSetUp()");
  PetscCall(ValidateRoute(c));
  PetscCall(ValidateTree(c, config_root_setting(&c->cfg)));
  for (PetscInt i = 0; i < schema_n; i++) {
    config_setting_t *stages = config_lookup(&c->cfg, "process.stages");
    if (!schema[i].spec->required) continue;
    if (IsCoreSection(schema[i].section)) {
      PetscCall(CheckRequired(c, schema[i].spec->path, "", config_root_setting(&c->cfg)));
      continue;
    }
    /* a stage key is required of every instance of its type in the route */
    for (int k = 0; stages && k < config_setting_length(stages); k++) {
      const char *item = config_setting_get_string_elem(stages, (unsigned) k);
      char        inst[64], type[64], path[CASE_PATH_LEN];
      if (!item || !SplitStageItem(item, inst, type, sizeof(inst)) || strcmp(type, schema[i].section)) continue;
      snprintf(path, sizeof(path), "%s%s", inst, schema[i].spec->path + strlen(type));
      PetscCall(CheckRequired(c, path, "", config_root_setting(&c->cfg)));
    }
  }
  c->setup = PETSC_TRUE;
  PetscCall(CaseGetString(c, "process.petsc_options", &opts));
  PetscCall(CheckCaseOptions(c, opts));
  PetscCall(CheckMaterialsFile(c));
  PetscCall(CaseCheckResources(c));
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * --set path=value */
PetscErrorCode CaseSetValue(EprocCase c, const char *assignment)
{
  char               path[CASE_PATH_LEN], generic[CASE_PATH_LEN], *eq, *tok, *save = NULL, *value, *stored;
  const CaseKeySpec *spec;
  config_setting_t  *s;
  PetscFunctionBeginUser;
  PetscCheck(c->loaded && !c->setup, c->comm, PETSC_ERR_ARG_WRONGSTATE,
             "Apply --set after loading and before setting up the case");
  eq = strchr(assignment, '=');
  PetscCheck(eq && eq != assignment && strlen(assignment) < CASE_PATH_LEN, c->comm, PETSC_ERR_USER_INPUT,
             "command line (--set %s): expected --set path.to.key=value", assignment);
  snprintf(path, sizeof(path), "%.*s", (int) (eq - assignment), assignment);
  value = eq + 1;
  PetscCall(PathToGeneric(path, generic, sizeof(generic)));
  {
    char schema_path[CASE_PATH_LEN];
    GenericToSchema(c, generic, schema_path, sizeof(schema_path));
    spec = SchemaFind(schema_path);
  }
  if (!spec) {
    const char *close = SchemaClosest(generic);
    SETERRQ(c->comm, PETSC_ERR_USER_INPUT, "command line (--set %s): key '%s' is not known; did you mean '%s'?",
            assignment, path, close ? close : "?");
  }
  /* keep the text for messages (the hook points at it) */
  {
    char **grown;
    PetscCall(PetscMalloc1(c->noverrides + 1, &grown));
    for (PetscInt i = 0; i < c->noverrides; i++) grown[i] = c->overrides[i];
    PetscCall(PetscFree(c->overrides));
    c->overrides = grown;
    PetscCall(PetscStrallocpy(assignment, &stored));
    c->overrides[c->noverrides++] = stored;
  }
  /* walk, creating groups as needed; list items must exist already; every libconfig result is checked */
  s = config_root_setting(&c->cfg);
  {
    char  buf[CASE_PATH_LEN], *last = NULL;
    char *toks[32] = {NULL};
    int   ntok     = 0;
    PetscCall(PetscStrncpy(buf, path, sizeof(buf)));
    for (tok = strtok_r(buf, ".", &save); tok; tok = strtok_r(NULL, ".", &save)) {
      PetscCheck(ntok < 32, c->comm, PETSC_ERR_USER_INPUT, "command line (--set %s): the path is too deep", assignment);
      toks[ntok++] = tok;
    }
    PetscCheck(ntok > 0, c->comm, PETSC_ERR_USER_INPUT, "command line (--set %s): expected --set path.to.key=value",
               assignment);
    for (int k = 0; k < ntok - 1; k++) {
      const char *next_tok = toks[k + 1];
      tok                  = toks[k];
      if (tok[0] == '[') {
        char *end;
        long  idx;
        errno = 0;
        idx   = strtol(tok + 1, &end, 10);
        PetscCheck(tok[1] >= '0' && tok[1] <= '9' && *end == ']' && !end[1] && !errno, c->comm, PETSC_ERR_USER_INPUT,
                   "command line (--set %s): '%s' is not a list item such as [0]", assignment, tok);
        PetscCheck(config_setting_is_list(s) && idx < config_setting_length(s), c->comm, PETSC_ERR_USER_INPUT,
                   "command line (--set %s): list item %s does not exist in the case file", assignment, tok);
        s = config_setting_get_elem(s, (unsigned) idx);
        PetscCheck(s && config_setting_is_group(s), c->comm, PETSC_ERR_USER_INPUT,
                   "command line (--set %s): item %s of the list is not a group { key = value; ... }", assignment, tok);
      } else {
        config_setting_t *m = config_setting_get_member(s, tok);
        if (!m) m = config_setting_add(s, tok, next_tok[0] == '[' ? CONFIG_TYPE_LIST : CONFIG_TYPE_GROUP);
        PetscCheck(m, c->comm, PETSC_ERR_USER_INPUT, "command line (--set %s): cannot create '%s'", assignment, tok);
        if (next_tok[0] == '[')
          PetscCheck(config_setting_is_list(m), c->comm, PETSC_ERR_USER_INPUT,
                     "command line (--set %s): '%s' is not a list ( { ... }, { ... } )", assignment, tok);
        else
          PetscCheck(config_setting_is_group(m), c->comm, PETSC_ERR_USER_INPUT,
                     "command line (--set %s): '%s' is not a group { key = value; ... }", assignment, tok);
        s = m;
      }
    }
    last = ntok > 0 ? toks[ntok - 1] : NULL;
    PetscCheck(last && last[0] != '[', c->comm, PETSC_ERR_USER_INPUT, "command line (--set %s): cannot set a list item",
               assignment);
    PetscCheck(config_setting_is_group(s), c->comm, PETSC_ERR_PLIB, "--set walk did not end in a group");
    if (config_setting_get_member(s, last))
      PetscCheck(config_setting_remove(s, last) == CONFIG_TRUE, c->comm, PETSC_ERR_LIB, "libconfig remove failed");
    switch (spec->type) {
    case CASE_REAL:
    case CASE_INT: {
      char  *end, range[96];
      double v;
      errno = 0;
      v     = strtod(value, &end);
      PetscCheck(end != value && *end == 0, c->comm, PETSC_ERR_USER_INPUT,
                 "command line (--set %s): '%s' is not a number", assignment, value);
      snprintf(range, sizeof(range), "[%g, %g]", spec->min, spec->max);
      PetscCheck(isfinite(v), c->comm, PETSC_ERR_USER_INPUT,
                 "command line (--set %s): '%s' is not a finite number (allowed range %s)", assignment, value, range);
      if (spec->type == CASE_INT) {
        /* range first: converting a double beyond long long (1e308) is undefined behaviour */
        PetscCheck(v == floor(v), c->comm, PETSC_ERR_USER_INPUT, "command line (--set %s): '%s' is not an integer",
                   assignment, value);
        PetscCheck(v >= spec->min && v <= spec->max && fabs(v) < 2147483648.0, c->comm, PETSC_ERR_USER_INPUT,
                   "command line (--set %s): key '%s' = %s is outside the allowed range %s: %s", assignment, path,
                   value, range, spec->why ? spec->why : "");
        s = config_setting_add(s, last, CONFIG_TYPE_INT64);
        PetscCheck(s && config_setting_set_int64(s, (long long) v) == CONFIG_TRUE, c->comm, PETSC_ERR_USER_INPUT,
                   "command line (--set %s): cannot set '%s'", assignment, last);
      } else {
        s = config_setting_add(s, last, CONFIG_TYPE_FLOAT);
        PetscCheck(s && config_setting_set_float(s, v) == CONFIG_TRUE, c->comm, PETSC_ERR_USER_INPUT,
                   "command line (--set %s): cannot set '%s'", assignment, last);
      }
    } break;
    case CASE_BOOL:
      PetscCheck(!strcmp(value, "true") || !strcmp(value, "false"), c->comm, PETSC_ERR_USER_INPUT,
                 "command line (--set %s): expected true or false", assignment);
      s = config_setting_add(s, last, CONFIG_TYPE_BOOL);
      PetscCheck(s && config_setting_set_bool(s, !strcmp(value, "true")) == CONFIG_TRUE, c->comm, PETSC_ERR_USER_INPUT,
                 "command line (--set %s): cannot set '%s'", assignment, last);
      break;
    case CASE_STRING: {
      size_t l = strlen(value);
      char   unq[CASE_PATH_LEN];
      if (l >= 2 && value[0] == '"' && value[l - 1] == '"')
        snprintf(unq, sizeof(unq), "%.*s", (int) (l - 2), value + 1);
      else
        snprintf(unq, sizeof(unq), "%s", value);
      s = config_setting_add(s, last, CONFIG_TYPE_STRING);
      PetscCheck(s && config_setting_set_string(s, unq) == CONFIG_TRUE, c->comm, PETSC_ERR_USER_INPUT,
                 "command line (--set %s): cannot set '%s'", assignment, last);
    } break;
    case CASE_STRING_ARRAY: {
      char abuf[CASE_PATH_LEN], *item, *isave = NULL;
      snprintf(abuf, sizeof(abuf), "%s", value);
      s = config_setting_add(s, last, CONFIG_TYPE_ARRAY);
      PetscCheck(s, c->comm, PETSC_ERR_USER_INPUT, "command line (--set %s): cannot set '%s'", assignment, last);
      for (item = strtok_r(abuf, ",[]\" ", &isave); item; item = strtok_r(NULL, ",[]\" ", &isave))
        PetscCheck(config_setting_set_string_elem(s, -1, item), c->comm, PETSC_ERR_USER_INPUT,
                   "command line (--set %s): cannot add '%s'", assignment, item);
    } break;
    }
    config_setting_set_hook(s, stored);
  }
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * Accessors */
static PetscErrorCode Lookup(EprocCase c, const char *stage_path, CaseKeyType type, const CaseKeySpec **spec,
                             config_setting_t **s)
{
  char generic[CASE_PATH_LEN], schema_path[CASE_PATH_LEN], path[CASE_PATH_LEN];
  PetscFunctionBeginUser;
  PetscCheck(c->setup, c->comm, PETSC_ERR_ARG_WRONGSTATE, "Call CaseSetUp() before reading values");
  ScopedPath(c, stage_path, path, sizeof(path));
  PetscCall(PathToGeneric(path, generic, sizeof(generic)));
  GenericToSchema(c, generic, schema_path, sizeof(schema_path));
  *spec = SchemaFind(schema_path);
  PetscCheck(*spec, c->comm, PETSC_ERR_PLIB, "Key '%s' is not in the schema (register it in its CaseKeySpec table)",
             path);
  PetscCheck((*spec)->type == type || (type == CASE_REAL && (*spec)->type == CASE_INT), c->comm, PETSC_ERR_PLIB,
             "Key '%s' read with the wrong type", path);
  *s = PathLookup(&c->cfg, path);
  PetscFunctionReturn(0);
}

PetscErrorCode CaseGetReal(EprocCase c, const char *path, PetscReal *si_value)
{
  const CaseKeySpec *spec;
  config_setting_t  *s;
  double             scale, offset, v;
  PetscFunctionBeginUser;
  PetscCall(Lookup(c, path, CASE_REAL, &spec, &s));
  if (s)
    v = config_setting_type(s) == CONFIG_TYPE_FLOAT ? config_setting_get_float(s)
                                                    : (double) config_setting_get_int64(s);
  else {
    PetscCheck(!spec->required, c->comm, PETSC_ERR_USER_INPUT, "%s: required key '%s' is missing", c->filename, path);
    v = spec->default_real;
  }
  PetscCall(UnitsToSI(spec->unit, &scale, &offset, NULL));
  *si_value = (PetscReal) (v * scale + offset);
  PetscFunctionReturn(0);
}

PetscErrorCode CaseGetInt(EprocCase c, const char *path, PetscInt *value)
{
  const CaseKeySpec *spec;
  config_setting_t  *s;
  PetscFunctionBeginUser;
  PetscCall(Lookup(c, path, CASE_INT, &spec, &s));
  if (s)
    *value = (PetscInt) config_setting_get_int64(s);
  else {
    PetscCheck(!spec->required, c->comm, PETSC_ERR_USER_INPUT, "%s: required key '%s' is missing", c->filename, path);
    *value = (PetscInt) spec->default_real;
  }
  PetscFunctionReturn(0);
}

PetscErrorCode CaseGetBool(EprocCase c, const char *path, PetscBool *value)
{
  const CaseKeySpec *spec;
  config_setting_t  *s;
  PetscFunctionBeginUser;
  PetscCall(Lookup(c, path, CASE_BOOL, &spec, &s));
  if (s)
    *value = config_setting_get_bool(s) ? PETSC_TRUE : PETSC_FALSE;
  else
    *value = spec->default_real != 0.0 ? PETSC_TRUE : PETSC_FALSE;
  PetscFunctionReturn(0);
}

PetscErrorCode CaseGetString(EprocCase c, const char *path, const char **value)
{
  const CaseKeySpec *spec;
  config_setting_t  *s;
  PetscFunctionBeginUser;
  PetscCall(Lookup(c, path, CASE_STRING, &spec, &s));
  if (s)
    *value = config_setting_get_string(s);
  else {
    PetscCheck(!spec->required, c->comm, PETSC_ERR_USER_INPUT, "%s: required key '%s' is missing", c->filename, path);
    *value = spec->default_string ? spec->default_string : "";
  }
  PetscFunctionReturn(0);
}

PetscErrorCode CaseGetChoice(EprocCase c, const char *path, const char *const choices[], PetscInt *index)
{
  const char *value;
  char        list[256] = "";
  PetscFunctionBeginUser;
  PetscCall(CaseGetString(c, path, &value));
  for (PetscInt i = 0; choices[i]; i++) {
    if (!strcmp(value, choices[i])) {
      *index = i;
      PetscFunctionReturn(0);
    }
    AppendText(list, sizeof(list), i ? ", \"" : "\"");
    AppendText(list, sizeof(list), choices[i]);
    AppendText(list, sizeof(list), "\"");
  }
  PetscCall(CaseInputError(c, path, "'%s' is not one of %s", value, list));
  PetscFunctionReturn(0);
}

/* A lookup by path (presence, list length, array item) must name a declared key, or a group or list some declared
 * key lives in: an undeclared path is a programming error, as in Lookup(). */
static PetscErrorCode CheckDeclared(EprocCase c, const char *path)
{
  char generic[CASE_PATH_LEN], schema_path[CASE_PATH_LEN];
  PetscFunctionBeginUser;
  PetscCall(PathToGeneric(path, generic, sizeof(generic)));
  GenericToSchema(c, generic, schema_path, sizeof(schema_path));
  PetscCheck(SchemaFind(schema_path) || SchemaHasPrefix(schema_path), c->comm, PETSC_ERR_PLIB,
             "Key '%s' is not in the schema (register it in its CaseKeySpec table)", path);
  PetscFunctionReturn(0);
}

PetscErrorCode CaseHas(EprocCase c, const char *stage_path, PetscBool *present)
{
  char path[CASE_PATH_LEN];
  PetscFunctionBeginUser;
  ScopedPath(c, stage_path, path, sizeof(path));
  PetscCall(CheckDeclared(c, path));
  *present = PathLookup(&c->cfg, path) ? PETSC_TRUE : PETSC_FALSE;
  PetscFunctionReturn(0);
}

PetscErrorCode CaseGetListLength(EprocCase c, const char *stage_path, PetscInt *n)
{
  char              path[CASE_PATH_LEN];
  config_setting_t *s;
  PetscFunctionBeginUser;
  ScopedPath(c, stage_path, path, sizeof(path));
  PetscCall(CheckDeclared(c, path));
  s  = PathLookup(&c->cfg, path);
  *n = s ? (PetscInt) config_setting_length(s) : 0;
  PetscFunctionReturn(0);
}

PetscErrorCode CaseGetStringArrayItem(EprocCase c, const char *stage_path, PetscInt i, const char **value)
{
  char              path[CASE_PATH_LEN];
  config_setting_t *s;
  PetscFunctionBeginUser;
  ScopedPath(c, stage_path, path, sizeof(path));
  PetscCall(CheckDeclared(c, path));
  s = PathLookup(&c->cfg, path);
  PetscCheck(s && i >= 0 && i < config_setting_length(s), c->comm, PETSC_ERR_ARG_OUTOFRANGE,
             "No item %" PetscInt_FMT " in %s", i, path);
  *value = config_setting_get_string_elem(s, (unsigned) i);
  PetscFunctionReturn(0);
}

PetscErrorCode CaseInputError(EprocCase c, const char *stage_path, const char *fmt, ...)
{
  char              msg[CASE_MSG_LEN], path[CASE_PATH_LEN];
  va_list           ap;
  config_setting_t *s;
  char              origin[PETSC_MAX_PATH_LEN + 64];
  PetscFunctionBeginUser;
  ScopedPath(c, stage_path, path, sizeof(path));
  s = PathLookup(&c->cfg, path);
  /* an absent key with a default is reported at its parent group */
  if (!s) {
    char parent[CASE_PATH_LEN], *dot;
    snprintf(parent, sizeof(parent), "%s", path);
    while (!s && (dot = strrchr(parent, '.'))) {
      *dot = 0;
      s    = PathLookup(&c->cfg, parent);
    }
  }
  SettingOrigin(c, s, origin, sizeof(origin));
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  SETERRQ(c->comm, PETSC_ERR_USER_INPUT, "%s: key '%s': %s", origin, path, msg);
}

/* ---------------------------------------------------------------------------------------------
 * The case-file reference, generated from the schema (cases/README.md holds its output). */
PetscErrorCode CaseKeysPrintReference(FILE *fp)
{
  const char *last = "";
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < schema_n; i++) {
    const CaseKeySpec *k = schema[i].spec;
    const char        *disp;
    char               def[64], range[96];
    PetscCall(UnitsToSI(k->unit, NULL, NULL, &disp));
    if (strcmp(last, schema[i].section)) {
      fprintf(fp, "\n### `%s`\n\n| key | type | unit | default | allowed | meaning |\n|---|---|---|---|---|---|\n",
              schema[i].section);
      last = schema[i].section;
    }
    if (k->required)
      snprintf(def, sizeof(def), "required");
    else if (k->type == CASE_REAL || k->type == CASE_INT)
      snprintf(def, sizeof(def), "%g", k->default_real);
    else if (k->type == CASE_BOOL)
      snprintf(def, sizeof(def), "%s", k->default_real != 0.0 ? "true" : "false");
    else
      snprintf(def, sizeof(def), "\"%s\"", k->default_string ? k->default_string : "");
    if (k->type == CASE_REAL || k->type == CASE_INT)
      snprintf(range, sizeof(range), "%g to %g", k->min, k->max);
    else if (k->choices) { /* "a", "b" or "c" */
      range[0] = 0;
      for (PetscInt j = 0; k->choices[j]; j++) {
        AppendText(range, sizeof(range), j == 0 ? "\"" : k->choices[j + 1] ? ", \"" : " or \"");
        AppendText(range, sizeof(range), k->choices[j]);
        AppendText(range, sizeof(range), "\"");
      }
    } else
      snprintf(range, sizeof(range), "%s", k->why ? k->why : "");
    fprintf(fp, "| `%s` | %s | %s | %s | %s | %s |\n", k->path,
            k->type == CASE_REAL     ? "real"
            : k->type == CASE_INT    ? "integer"
            : k->type == CASE_BOOL   ? "bool"
            : k->type == CASE_STRING ? "string"
                                     : "string array",
            disp, def, range, k->help ? k->help : "");
  }
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * Declared destinations: a key table fills its reader's struct. */
static PetscErrorCode ReadInto(EprocCase c, const CaseKeySpec *k, const char *path, char *dest)
{
  PetscFunctionBeginUser;
  switch (k->type) {
  case CASE_REAL:
    PetscCall(CaseGetReal(c, path, (PetscReal *) dest));
    break;
  case CASE_INT:
    PetscCall(CaseGetInt(c, path, (PetscInt *) dest));
    break;
  case CASE_BOOL:
    PetscCall(CaseGetBool(c, path, (PetscBool *) dest));
    break;
  case CASE_STRING:
    if (k->choices)
      PetscCall(CaseGetChoice(c, path, k->choices, (PetscInt *) dest));
    else
      PetscCall(CaseGetString(c, path, (const char **) dest));
    break;
  case CASE_STRING_ARRAY:
    SETERRQ(c->comm, PETSC_ERR_PLIB, "Key %s: string arrays are read by hand (no CASE_FIELD)", k->path);
  }
  PetscFunctionReturn(0);
}

PetscErrorCode CaseReadSection(EprocCase c, const CaseKeySpec specs[], PetscInt n, void *params)
{
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < n; i++) {
    if (!specs[i].field || strstr(specs[i].path, "[]")) continue;
    PetscCall(ReadInto(c, &specs[i], specs[i].path, (char *) params + specs[i].field - 1));
  }
  PetscFunctionReturn(0);
}

PetscErrorCode CaseReadList(EprocCase c, const char *list_path, const CaseKeySpec specs[], PetscInt n, void *items,
                            size_t item_size, PetscInt max_items, PetscInt *count)
{
  size_t   l      = strlen(list_path);
  PetscInt nbound = 0;
  PetscFunctionBeginUser;
  PetscCall(CaseGetListLength(c, list_path, count));
  if (*count > max_items) PetscCall(CaseInputError(c, list_path, "at most %" PetscInt_FMT " items", max_items));
  for (PetscInt i = 0; i < n; i++) {
    const char *p = specs[i].path;
    if (!specs[i].field || strncmp(p, list_path, l) || strncmp(p + l, ".[].", 4)) continue;
    nbound++;
    for (PetscInt j = 0; j < *count; j++) {
      char path[CASE_PATH_LEN];
      PetscCall(PetscSNPrintf(path, sizeof(path), "%s.[%" PetscInt_FMT "].%s", list_path, j, p + l + 4));
      PetscCall(ReadInto(c, &specs[i], path, (char *) items + j * item_size + specs[i].field - 1));
    }
  }
  PetscCheck(nbound, c->comm, PETSC_ERR_PLIB, "No key of the list %s has a CASE_FIELD in the table", list_path);
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * Schema queries for studies: the key's type, unit and allowed range. path may be concrete ("zones.[2].x") or
 * generic ("zones.[].x") and is in schema terms (the stage type, not an instance name); *spec is NULL when the
 * path is not a key. */
PetscErrorCode CaseKeyGetSpec(const char *path, const CaseKeySpec **spec)
{
  char generic[CASE_PATH_LEN];
  PetscFunctionBeginUser;
  PetscCall(PathToGeneric(path, generic, sizeof(generic)));
  *spec = SchemaFind(generic);
  PetscFunctionReturn(0);
}
