/* Study definition: reading and validating a study file (libconfig), the canonical text of the definition and its
 * hash, and the mapping of design coordinates to case overrides. See docs/studies.md for the file format.
 *
 * Validated like a case, before anything runs: unknown settings, unknown case keys, a range outside the key's own
 * range (the key table's min/max), a log scale through zero, zero samples, unknown model, bad objective or
 * constraint settings: exit 2 with file:line. Each parameter is also tried at both ends of its range on the base
 * case (the case's own cross-key checks run), so a range the case refuses is found here too. Objective and
 * constraint names are checked against the outputs once they are known (StudyResolveOutputs). */
#include "study_impl.h"
#include "eproc.h"
#include <libconfig.h>
#include <libgen.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

PetscErrorCode StudyCreate(MPI_Comm comm, Study *s)
{
  PetscFunctionBeginUser;
  PetscCall(PetscNew(s));
  (*s)->comm         = comm;
  (*s)->group_size   = 1;
  (*s)->progress     = PETSC_TRUE;
  (*s)->check_ranges = PETSC_TRUE;
  PetscFunctionReturn(0);
}

PetscErrorCode StudyDestroy(Study *s)
{
  PetscFunctionBeginUser;
  if (!*s) PetscFunctionReturn(0);
  PetscCall(PetscFree((*s)->param));
  PetscCall(PetscFree((*s)->out_name));
  PetscCall(PetscFree((*s)->out_unit));
  PetscCall(PetscFree((*s)->definition));
  PetscCall(PetscFree((*s)->case_options));
  PetscCall(PetscFree(*s));
  PetscFunctionReturn(0);
}

PetscErrorCode StudyInputError(Study s, int line, const char *fmt, ...)
{
  char    msg[1024];
  va_list ap;
  PetscFunctionBeginUser;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: %s", s->file, line, msg);
}

/* ---------------------------------------------------------------------------------------------
 * Settings of the study file: every group has a fixed set of names; anything else is an error. */
static int LineOf(const config_setting_t *t)
{
  return t ? (int) config_setting_source_line(t) : 0;
}

static PetscErrorCode CheckMembers(Study s, const config_setting_t *g, const char *where, const char *const known[])
{
  PetscFunctionBeginUser;
  if (!g) PetscFunctionReturn(0);
  PetscCheck(config_setting_is_group(g), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: '%s' must be a group { ... }",
             s->file, LineOf(g), where);
  for (int i = 0; i < config_setting_length(g); i++) {
    const config_setting_t *m         = config_setting_get_elem(g, (unsigned) i);
    const char             *name      = config_setting_name(m);
    PetscBool               ok        = PETSC_FALSE;
    char                    list[512] = "";
    for (int k = 0; known[k]; k++) {
      if (!strcmp(name, known[k])) ok = PETSC_TRUE;
      PetscCall(PetscStrlcat(list, k ? ", " : "", sizeof(list)));
      PetscCall(PetscStrlcat(list, known[k], sizeof(list)));
    }
    if (!ok) PetscCall(StudyInputError(s, LineOf(m), "'%s' is not a setting of %s (known: %s)", name, where, list));
  }
  PetscFunctionReturn(0);
}

/* A number (integer or real); *present PETSC_FALSE when absent. */
static PetscErrorCode GetNumber(Study s, const config_setting_t *g, const char *name, double *v, PetscBool *present)
{
  const config_setting_t *m = g ? config_setting_get_member(g, name) : NULL;
  PetscFunctionBeginUser;
  *present = m ? PETSC_TRUE : PETSC_FALSE;
  if (!m) PetscFunctionReturn(0);
  switch (config_setting_type(m)) {
  case CONFIG_TYPE_INT:
  case CONFIG_TYPE_INT64:
    *v = (double) config_setting_get_int64(m);
    break;
  case CONFIG_TYPE_FLOAT:
    *v = config_setting_get_float(m);
    break;
  default:
    PetscCall(StudyInputError(s, LineOf(m), "'%s' must be a number", name));
  }
  PetscCheck(isfinite(*v), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: '%s' must be finite", s->file, LineOf(m),
             name);
  PetscFunctionReturn(0);
}

static PetscErrorCode GetInteger(Study s, const config_setting_t *g, const char *name, PetscInt lo, PetscInt hi,
                                 PetscInt *v)
{
  double    x;
  PetscBool present;
  PetscFunctionBeginUser;
  PetscCall(GetNumber(s, g, name, &x, &present));
  if (!present) PetscFunctionReturn(0);
  if (x != floor(x))
    PetscCall(StudyInputError(s, LineOf(config_setting_get_member(g, name)), "'%s' must be an integer", name));
  if (x < lo || x > hi)
    PetscCall(StudyInputError(s, LineOf(config_setting_get_member(g, name)), "'%s' = %g must be in [%d, %d]", name, x,
                              (int) lo, (int) hi));
  *v = (PetscInt) x;
  PetscFunctionReturn(0);
}

static PetscErrorCode GetReal(Study s, const config_setting_t *g, const char *name, double lo, double hi, double *v)
{
  double    x;
  PetscBool present;
  PetscFunctionBeginUser;
  PetscCall(GetNumber(s, g, name, &x, &present));
  if (!present) PetscFunctionReturn(0);
  if (x < lo || x > hi)
    PetscCall(StudyInputError(s, LineOf(config_setting_get_member(g, name)), "'%s' = %g must be in [%g, %g]", name, x,
                              lo, hi));
  *v = x;
  PetscFunctionReturn(0);
}

/* A string; NULL when absent. */
static PetscErrorCode GetString(Study s, const config_setting_t *g, const char *name, const char **v)
{
  const config_setting_t *m = g ? config_setting_get_member(g, name) : NULL;
  PetscFunctionBeginUser;
  *v = NULL;
  if (!m) PetscFunctionReturn(0);
  if (config_setting_type(m) != CONFIG_TYPE_STRING)
    PetscCall(StudyInputError(s, LineOf(m), "'%s' must be a quoted string", name));
  *v = config_setting_get_string(m);
  PetscFunctionReturn(0);
}

static PetscErrorCode GetBool(Study s, const config_setting_t *g, const char *name, PetscBool *v)
{
  const config_setting_t *m = g ? config_setting_get_member(g, name) : NULL;
  PetscFunctionBeginUser;
  if (!m) PetscFunctionReturn(0);
  if (config_setting_type(m) != CONFIG_TYPE_BOOL)
    PetscCall(StudyInputError(s, LineOf(m), "'%s' must be true or false", name));
  *v = config_setting_get_bool(m) ? PETSC_TRUE : PETSC_FALSE;
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * Errors of a case tried during validation: the message is kept (not printed) and reported at the study line. */
PetscErrorCode StudyCaptureHandler(MPI_Comm comm, int line, const char *func, const char *file, PetscErrorCode n,
                                   PetscErrorType p, const char *mess, void *ctx)
{
  StudyCapturedError *c = (StudyCapturedError *) ctx;
  if (p == PETSC_ERROR_INITIAL && !c->msg[0]) snprintf(c->msg, sizeof(c->msg), "%s", mess ? mess : "error");
  return n;
}

/* Load the base case with the given overrides and create its route (no run): every input check of the case. */
static PetscErrorCode TryCase(Study s, PetscInt nsets, const char *const sets[], PetscErrorCode *ierr, char *msg,
                              size_t len)
{
  StudyCapturedError cap;
  EprocCase          c = NULL;
  Route              r = NULL;
  PetscFunctionBeginUser;
  cap.msg[0] = 0;
  PetscCall(PetscPushErrorHandler(StudyCaptureHandler, &cap));
  *ierr = EprocCaseLoad(PETSC_COMM_SELF, s->base_case, nsets, sets, &c);
  if (!*ierr) *ierr = EprocRouteCreate(c, s->case_options, &r);
  PetscCall(PetscPopErrorHandler());
  PetscCall(RouteDestroy(&r));
  PetscCall(CaseDestroy(&c));
  snprintf(msg, len, "%s", cap.msg);
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * Parameters */
double StudyParameterValue(const StudyParameter *p, double u)
{
  double v;
  u = PetscMin(PetscMax(u, 0.0), 1.0);
  switch (p->kind) {
  case STUDY_CHOICE:
    return PetscMin(floor(u * (double) p->nchoices), (double) (p->nchoices - 1));
  case STUDY_INTEGER:
    if (p->scale == STUDY_LOG)
      v = floor(exp(log(p->lo) + u * (log(p->hi + 1.0) - log(p->lo))));
    else
      v = floor(p->lo + u * (p->hi - p->lo + 1.0));
    return PetscMin(PetscMax(v, p->lo), p->hi);
  case STUDY_REAL:
  default:
    if (p->scale == STUDY_LOG)
      v = exp(log(p->lo) + u * (log(p->hi) - log(p->lo)));
    else
      v = p->lo + u * (p->hi - p->lo);
    return PetscMin(PetscMax(v, p->lo), p->hi);
  }
}

/* One value of a parameter as the text of a --set override. */
static void FormatValue(const StudyParameter *p, double v, char *buf, size_t len)
{
  if (p->kind == STUDY_CHOICE)
    snprintf(buf, len, "%s", p->choices[(int) v]);
  else if (p->kind == STUDY_INTEGER)
    snprintf(buf, len, "%lld", (long long) v);
  else
    snprintf(buf, len, "%.17g", v);
}

PetscErrorCode StudyCaseSets(Study s, const double *values, PetscInt *nsets, char ***sets)
{
  PetscInt n = 0;
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < s->np; i++) n += s->param[i].nkeys;
  PetscCall(PetscMalloc1(n ? n : 1, sets));
  n = 0;
  for (PetscInt i = 0; i < s->np; i++) {
    char v[128];
    FormatValue(&s->param[i], values[i], v, sizeof(v));
    for (PetscInt k = 0; k < s->param[i].nkeys; k++) {
      size_t len = strlen(s->param[i].keys[k]) + strlen(v) + 2;
      PetscCall(PetscMalloc1(len, &(*sets)[n]));
      snprintf((*sets)[n], len, "%s=%s", s->param[i].keys[k], v);
      n++;
    }
  }
  *nsets = n;
  PetscFunctionReturn(0);
}

PetscErrorCode StudyFreeSets(PetscInt nsets, char ***sets)
{
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < nsets; i++) PetscCall(PetscFree((*sets)[i]));
  PetscCall(PetscFree(*sets));
  PetscFunctionReturn(0);
}

/* The key as the schema knows it: an instance name ("pass_2.x") replaced by its stage type ("calendering.x"). */
static PetscErrorCode SchemaPath(EprocCase base, const char *key, char *out, size_t len)
{
  const char *dot = strchr(key, '.');
  PetscInt    n;
  PetscFunctionBeginUser;
  snprintf(out, len, "%s", key);
  if (!dot) PetscFunctionReturn(0);
  PetscCall(CaseGetNumStages(base, &n));
  for (PetscInt i = 0; i < n; i++) {
    char inst[64], type[64];
    PetscCall(CaseGetStage(base, i, inst, type));
    if (strlen(inst) == (size_t) (dot - key) && !strncmp(key, inst, strlen(inst)))
      snprintf(out, len, "%s%s", type, dot);
  }
  PetscFunctionReturn(0);
}

static const char *const parameter_settings[] = {"key", "keys", "min", "max", "scale", "levels", "choices", NULL};

/* A parameter of a route study: case keys with the type, unit and range of the key table. */
static PetscErrorCode ReadCaseParameter(Study s, EprocCase base, const config_setting_t *g, StudyParameter *p)
{
  const config_setting_t *keys = config_setting_get_member(g, "keys"), *choices;
  const char             *key, *scale;
  double                  lo = -PETSC_MAX_REAL, hi = PETSC_MAX_REAL, v;
  PetscBool               has_lo, has_hi;
  const CaseKeySpec      *first = NULL;
  PetscFunctionBeginUser;
  PetscCall(GetString(s, g, "key", &key));
  if (key && keys) PetscCall(StudyInputError(s, p->line, "give 'key' or 'keys', not both"));
  if (!key && !keys) PetscCall(StudyInputError(s, p->line, "a parameter needs 'key' (a case key path) or 'keys'"));
  if (key) {
    PetscCall(PetscStrncpy(p->keys[0], key, sizeof(p->keys[0])));
    p->nkeys = 1;
  } else {
    if (!config_setting_is_array(keys) && !config_setting_is_list(keys))
      PetscCall(StudyInputError(s, LineOf(keys), "'keys' must be an array of key paths [\"a\", \"b\"]"));
    p->nkeys = config_setting_length(keys);
    if (p->nkeys < 1 || p->nkeys > STUDY_MAX_KEYS)
      PetscCall(StudyInputError(s, LineOf(keys), "'keys' needs 1 to %d key paths", STUDY_MAX_KEYS));
    for (PetscInt k = 0; k < p->nkeys; k++) {
      const char *kk = config_setting_get_string_elem(keys, (unsigned) k);
      if (!kk) PetscCall(StudyInputError(s, LineOf(keys), "'keys' must hold quoted key paths"));
      PetscCall(PetscStrncpy(p->keys[k], kk, sizeof(p->keys[k])));
    }
  }
  PetscCall(PetscStrncpy(p->name, p->keys[0], sizeof(p->name)));
  /* every key must be a known real, integer, string or bool key; the range is the intersection of theirs */
  for (PetscInt k = 0; k < p->nkeys; k++) {
    char               schema[STUDY_NAME_LEN];
    const CaseKeySpec *spec;
    PetscCall(SchemaPath(base, p->keys[k], schema, sizeof(schema)));
    PetscCall(CaseKeyGetSpec(schema, &spec));
    PetscCheck(spec, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: '%s' is not a case key (see cases/README.md)",
               s->file, p->line, p->keys[k]);
    if (spec->type == CASE_STRING_ARRAY)
      PetscCall(StudyInputError(s, p->line, "'%s' is a list of names and cannot be a study parameter", p->keys[k]));
    if (first && (spec->type != first->type || strcmp(spec->unit, first->unit)))
      PetscCall(StudyInputError(s, p->line,
                                "the keys of one parameter must have the same type and unit ('%s' and '%s')",
                                p->keys[0], p->keys[k]));
    if (!first) first = spec;
    if (spec->type == CASE_REAL || spec->type == CASE_INT) {
      lo = PetscMax(lo, spec->min);
      hi = PetscMin(hi, spec->max);
    }
  }
  PetscCall(PetscStrncpy(p->unit, first->unit, sizeof(p->unit)));
  choices = config_setting_get_member(g, "choices");
  if (choices || first->type == CASE_STRING || first->type == CASE_BOOL) {
    p->kind = STUDY_CHOICE;
    if (config_setting_get_member(g, "min") || config_setting_get_member(g, "max") ||
        config_setting_get_member(g, "scale"))
      PetscCall(StudyInputError(s, p->line, "a parameter with choices has no min, max or scale"));
    if (!choices && first->type == CASE_BOOL) {
      p->nchoices = 2;
      PetscCall(PetscStrncpy(p->choices[0], "false", sizeof(p->choices[0])));
      PetscCall(PetscStrncpy(p->choices[1], "true", sizeof(p->choices[1])));
    } else if (!choices && first->choices) { /* a key with a fixed set of words: all of them (the key table's) */
      for (p->nchoices = 0; first->choices[p->nchoices]; p->nchoices++) {
        PetscCheck(p->nchoices < STUDY_MAX_CHOICES, PETSC_COMM_SELF, PETSC_ERR_PLIB, "Key %s has more than %d choices",
                   first->path, STUDY_MAX_CHOICES);
        PetscCall(PetscStrncpy(p->choices[p->nchoices], first->choices[p->nchoices], sizeof(p->choices[0])));
      }
    } else {
      if (!choices) PetscCall(StudyInputError(s, p->line, "'%s' is a text key: give its 'choices'", p->keys[0]));
      if (!config_setting_is_array(choices) && !config_setting_is_list(choices))
        PetscCall(StudyInputError(s, LineOf(choices), "'choices' must be an array [\"a\", \"b\"]"));
      p->nchoices = config_setting_length(choices);
      if (p->nchoices < 1 || p->nchoices > STUDY_MAX_CHOICES)
        PetscCall(StudyInputError(s, LineOf(choices), "'choices' needs 1 to %d values", STUDY_MAX_CHOICES));
      for (PetscInt k = 0; k < p->nchoices; k++) {
        const config_setting_t *e = config_setting_get_elem(choices, (unsigned) k);
        switch (config_setting_type(e)) {
        case CONFIG_TYPE_STRING:
          snprintf(p->choices[k], sizeof(p->choices[k]), "%s", config_setting_get_string(e));
          break;
        case CONFIG_TYPE_INT:
        case CONFIG_TYPE_INT64:
          snprintf(p->choices[k], sizeof(p->choices[k]), "%lld", (long long) config_setting_get_int64(e));
          break;
        case CONFIG_TYPE_FLOAT:
          snprintf(p->choices[k], sizeof(p->choices[k]), "%.17g", config_setting_get_float(e));
          break;
        case CONFIG_TYPE_BOOL:
          snprintf(p->choices[k], sizeof(p->choices[k]), "%s", config_setting_get_bool(e) ? "true" : "false");
          break;
        default:
          PetscCall(StudyInputError(s, LineOf(choices), "'choices' holds strings, numbers or booleans"));
        }
      }
    }
    p->lo = 0;
    p->hi = (double) (p->nchoices - 1);
    PetscFunctionReturn(0);
  }
  p->kind = first->type == CASE_INT ? STUDY_INTEGER : STUDY_REAL;
  PetscCall(GetNumber(s, g, "min", &v, &has_lo));
  if (has_lo) {
    if (v < lo)
      PetscCall(StudyInputError(s, LineOf(config_setting_get_member(g, "min")),
                                "'%s': min = %g is outside the key's allowed range [%g, %g] %s: %s", p->keys[0], v, lo,
                                hi, strcmp(p->unit, "-") ? p->unit : "", first->why ? first->why : ""));
    lo = v;
  }
  PetscCall(GetNumber(s, g, "max", &v, &has_hi));
  if (has_hi) {
    if (v > hi)
      PetscCall(StudyInputError(s, LineOf(config_setting_get_member(g, "max")),
                                "'%s': max = %g is outside the key's allowed range [%g, %g] %s: %s", p->keys[0], v,
                                first->min, hi, strcmp(p->unit, "-") ? p->unit : "", first->why ? first->why : ""));
    hi = v;
  }
  if (!(lo < hi)) PetscCall(StudyInputError(s, p->line, "'%s': min = %g must be below max = %g", p->keys[0], lo, hi));
  if (p->kind == STUDY_INTEGER && (lo != floor(lo) || hi != floor(hi)))
    PetscCall(StudyInputError(s, p->line, "'%s' is an integer key: min and max must be integers", p->keys[0]));
  p->lo = lo;
  p->hi = hi;
  PetscCall(GetString(s, g, "scale", &scale));
  if (scale && strcmp(scale, "linear") && strcmp(scale, "log"))
    PetscCall(StudyInputError(s, LineOf(config_setting_get_member(g, "scale")), "scale must be \"linear\" or \"log\""));
  p->scale = scale && !strcmp(scale, "log") ? STUDY_LOG : STUDY_LINEAR;
  if (p->scale == STUDY_LOG && lo <= 0)
    PetscCall(StudyInputError(
        s, LineOf(config_setting_get_member(g, "scale")),
        "'%s': a log scale needs a range above zero (min = %g); set min > 0 or use a linear scale", p->keys[0], lo));
  PetscFunctionReturn(0);
}

/* A parameter of a model study: an input x1..xn of the model within its domain. */
static PetscErrorCode ReadModelParameter(Study s, const config_setting_t *g, PetscInt i, StudyParameter *p)
{
  const char *key, *scale;
  char        want[16];
  PetscBool   present;
  double      v;
  PetscFunctionBeginUser;
  PetscCall(GetString(s, g, "key", &key));
  snprintf(want, sizeof(want), "x%d", (int) i + 1);
  if (!key || strcmp(key, want))
    PetscCall(StudyInputError(s, p->line, "parameter %d of model '%s' must be key = \"%s\" (inputs x1..xn in order)",
                              (int) i + 1, s->model->name, want));
  if (config_setting_get_member(g, "keys") || config_setting_get_member(g, "choices"))
    PetscCall(StudyInputError(s, p->line, "model inputs take key, min, max and scale only"));
  PetscCall(PetscStrncpy(p->name, key, sizeof(p->name)));
  PetscCall(PetscStrncpy(p->keys[0], key, sizeof(p->keys[0])));
  PetscCall(PetscStrncpy(p->unit, "-", sizeof(p->unit)));
  p->nkeys = 1;
  p->kind  = STUDY_REAL;
  p->lo    = s->model->input_lo;
  p->hi    = s->model->input_hi;
  PetscCall(GetNumber(s, g, "min", &v, &present));
  if (present) {
    if (v < s->model->input_lo)
      PetscCall(StudyInputError(s, LineOf(config_setting_get_member(g, "min")),
                                "'%s': min = %g is outside the model's domain [%g, %g]", key, v, s->model->input_lo,
                                s->model->input_hi));
    p->lo = v;
  }
  PetscCall(GetNumber(s, g, "max", &v, &present));
  if (present) {
    if (v > s->model->input_hi)
      PetscCall(StudyInputError(s, LineOf(config_setting_get_member(g, "max")),
                                "'%s': max = %g is outside the model's domain [%g, %g]", key, v, s->model->input_lo,
                                s->model->input_hi));
    p->hi = v;
  }
  if (!(p->lo < p->hi)) PetscCall(StudyInputError(s, p->line, "'%s': min must be below max", key));
  PetscCall(GetString(s, g, "scale", &scale));
  if (scale && strcmp(scale, "linear") && strcmp(scale, "log"))
    PetscCall(StudyInputError(s, LineOf(config_setting_get_member(g, "scale")), "scale must be \"linear\" or \"log\""));
  p->scale = scale && !strcmp(scale, "log") ? STUDY_LOG : STUDY_LINEAR;
  if (p->scale == STUDY_LOG && p->lo <= 0)
    PetscCall(StudyInputError(
        s, LineOf(config_setting_get_member(g, "scale")),
        "'%s': a log scale needs a range above zero (min = %g); set min > 0 or use a linear scale", key, p->lo));
  PetscFunctionReturn(0);
}

/* Each parameter at both ends of its range (the others at the base case's values): the case's own checks. */
static PetscErrorCode TryParameterRanges(Study s)
{
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < s->np; i++) {
    StudyParameter *p = &s->param[i];
    for (int end = 0; end < 2; end++) {
      char           val[128], *sets[STUDY_MAX_KEYS], msg[1024];
      PetscErrorCode ierr;
      double         v = end ? p->hi : p->lo;
      FormatValue(p, v, val, sizeof(val));
      for (PetscInt k = 0; k < p->nkeys; k++) {
        size_t len = strlen(p->keys[k]) + strlen(val) + 2;
        PetscCall(PetscMalloc1(len, &sets[k]));
        snprintf(sets[k], len, "%s=%s", p->keys[k], val);
      }
      PetscCall(TryCase(s, p->nkeys, (const char *const *) sets, &ierr, msg, sizeof(msg)));
      for (PetscInt k = 0; k < p->nkeys; k++) PetscCall(PetscFree(sets[k]));
      if (ierr)
        PetscCall(StudyInputError(s, p->line, "the base case refuses '%s' at %s = %s: %s", p->name, end ? "max" : "min",
                                  val, msg));
      if (p->kind == STUDY_CHOICE) break; /* the ends of a choice are two of its values: try each */
    }
    if (p->kind == STUDY_CHOICE)
      for (PetscInt c = 1; c < p->nchoices; c++) {
        char          *sets[STUDY_MAX_KEYS], msg[1024];
        PetscErrorCode ierr;
        for (PetscInt k = 0; k < p->nkeys; k++) {
          size_t len = strlen(p->keys[k]) + strlen(p->choices[c]) + 2;
          PetscCall(PetscMalloc1(len, &sets[k]));
          snprintf(sets[k], len, "%s=%s", p->keys[k], p->choices[c]);
        }
        PetscCall(TryCase(s, p->nkeys, (const char *const *) sets, &ierr, msg, sizeof(msg)));
        for (PetscInt k = 0; k < p->nkeys; k++) PetscCall(PetscFree(sets[k]));
        if (ierr)
          PetscCall(StudyInputError(s, p->line, "the base case refuses '%s' = %s: %s", p->name, p->choices[c], msg));
      }
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode ReadParameters(Study s, const config_t *cfg, EprocCase base)
{
  const config_setting_t *list     = config_lookup(cfg, "parameters");
  const config_setting_t *mg       = config_lookup(cfg, "study.model");
  PetscInt                n_inputs = 0;
  PetscFunctionBeginUser;
  if (s->model && mg) PetscCall(GetInteger(s, mg, "inputs", s->model->min_inputs, s->model->max_inputs, &n_inputs));
  if (n_inputs) { /* model inputs x1..xn over the model's domain */
    if (list) PetscCall(StudyInputError(s, LineOf(list), "give model.inputs or a parameters list, not both"));
    s->np = n_inputs;
    PetscCall(PetscCalloc1(s->np, &s->param));
    for (PetscInt i = 0; i < s->np; i++) {
      StudyParameter *p = &s->param[i];
      snprintf(p->name, sizeof(p->name), "x%d", (int) i + 1);
      PetscCall(PetscStrncpy(p->keys[0], p->name, sizeof(p->keys[0])));
      PetscCall(PetscStrncpy(p->unit, "-", sizeof(p->unit)));
      p->nkeys = 1;
      p->kind  = STUDY_REAL;
      p->lo    = s->model->input_lo;
      p->hi    = s->model->input_hi;
      p->line  = LineOf(config_setting_get_member(mg, "inputs"));
    }
    PetscFunctionReturn(0);
  }
  if (!list) PetscCall(StudyInputError(s, 1, "the study needs a 'parameters' list ( { key = ...; }, ... )"));
  if (!config_setting_is_list(list))
    PetscCall(StudyInputError(s, LineOf(list), "'parameters' must be a list of groups ( { key = ...; }, ... )"));
  s->np = config_setting_length(list);
  if (s->np < 1) PetscCall(StudyInputError(s, LineOf(list), "'parameters' needs at least one parameter"));
  PetscCall(PetscCalloc1(s->np, &s->param));
  for (PetscInt i = 0; i < s->np; i++) {
    const config_setting_t *g = config_setting_get_elem(list, (unsigned) i);
    StudyParameter         *p = &s->param[i];
    p->line                   = LineOf(g);
    if (!config_setting_is_group(g))
      PetscCall(StudyInputError(s, LineOf(g), "each parameter is a group { key = ...; }"));
    PetscCall(CheckMembers(s, g, "a parameter", parameter_settings));
    PetscCall(GetInteger(s, g, "levels", 1, 1000, &p->levels));
    if (s->model)
      PetscCall(ReadModelParameter(s, g, i, p));
    else
      PetscCall(ReadCaseParameter(s, base, g, p));
    for (PetscInt k = 0; k < i; k++)
      for (PetscInt a = 0; a < p->nkeys; a++)
        for (PetscInt b = 0; b < s->param[k].nkeys; b++)
          if (!strcmp(p->keys[a], s->param[k].keys[b]))
            PetscCall(
                StudyInputError(s, p->line, "'%s' is already a parameter (line %d)", p->keys[a], s->param[k].line));
  }
  if (s->model && (s->np < s->model->min_inputs || s->np > s->model->max_inputs))
    PetscCall(StudyInputError(s, LineOf(list), "model '%s' takes %d to %d inputs, the study gives %d", s->model->name,
                              (int) s->model->min_inputs, (int) s->model->max_inputs, (int) s->np));
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * Design, objectives, constraints, optimisation, sensitivity */
static const char *const design_settings[] = {"type", "samples", "levels", "scramble", NULL};

static PetscErrorCode ReadDesign(Study s, const config_t *cfg)
{
  const config_setting_t *g = config_lookup(cfg, "design");
  const char             *type;
  PetscInt                maxdim;
  PetscFunctionBeginUser;
  s->design   = STUDY_DESIGN_NONE;
  s->scramble = PETSC_TRUE;
  s->levels   = 3;
  if (!g) PetscFunctionReturn(0);
  PetscCall(CheckMembers(s, g, "design", design_settings));
  PetscCall(GetString(s, g, "type", &type));
  PetscCheck(type, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
             "%s:%d: design needs a type: \"grid\", \"lhs\", \"sobol\", \"saltelli\" or \"none\"", s->file, LineOf(g));
  if (!strcmp(type, "grid"))
    s->design = STUDY_DESIGN_GRID;
  else if (!strcmp(type, "lhs"))
    s->design = STUDY_DESIGN_LHS;
  else if (!strcmp(type, "sobol"))
    s->design = STUDY_DESIGN_SOBOL;
  else if (!strcmp(type, "saltelli"))
    s->design = STUDY_DESIGN_SALTELLI;
  else if (!strcmp(type, "none"))
    s->design = STUDY_DESIGN_NONE;
  else
    PetscCall(StudyInputError(s, LineOf(config_setting_get_member(g, "type")),
                              "design type '%s' is not one of \"grid\", \"lhs\", \"sobol\", \"saltelli\", \"none\"",
                              type));
  PetscCall(GetBool(s, g, "scramble", &s->scramble));
  PetscCall(GetInteger(s, g, "levels", 1, 1000, &s->levels));
  if (s->design == STUDY_DESIGN_LHS || s->design == STUDY_DESIGN_SOBOL || s->design == STUDY_DESIGN_SALTELLI) {
    const config_setting_t *m = config_setting_get_member(g, "samples");
    double                  v;
    PetscBool               present;
    PetscCall(GetNumber(s, g, "samples", &v, &present));
    if (!present) PetscCall(StudyInputError(s, LineOf(g), "design '%s' needs 'samples'", type));
    if (v < 1 || v != floor(v))
      PetscCall(StudyInputError(s, LineOf(m), "design samples = %g: give a whole number of at least 1", v));
    if (v > 1e7) PetscCall(StudyInputError(s, LineOf(m), "design samples = %g: at most 1e7", v));
    s->samples = (PetscInt) v;
    if (s->design == STUDY_DESIGN_SALTELLI && s->samples < 2)
      PetscCall(StudyInputError(s, LineOf(m), "Saltelli samples need at least 2 base samples"));
  } else if (config_setting_get_member(g, "samples"))
    PetscCall(StudyInputError(s, LineOf(config_setting_get_member(g, "samples")), "design '%s' takes no 'samples'%s",
                              type, s->design == STUDY_DESIGN_GRID ? " (it takes 'levels')" : ""));
  PetscCall(StudySobolMaxDimension(&maxdim));
  if ((s->design == STUDY_DESIGN_SOBOL && s->np > maxdim) || (s->design == STUDY_DESIGN_SALTELLI && 2 * s->np > maxdim))
    PetscCall(StudyInputError(s, LineOf(g),
                              "the Sobol sequence has %d dimensions: at most %d parameters for this design",
                              (int) maxdim, (int) (s->design == STUDY_DESIGN_SALTELLI ? maxdim / 2 : maxdim)));
  if (s->design == STUDY_DESIGN_GRID) {
    PetscInt n;
    PetscCall(StudyDesignSize(s, &n));
  }
  PetscFunctionReturn(0);
}

static const char *const objective_settings[]  = {"name", "sense", NULL};
static const char *const constraint_settings[] = {"name", "min", "max", NULL};

static PetscErrorCode ReadObjectives(Study s, const config_t *cfg)
{
  const config_setting_t *list = config_lookup(cfg, "objectives"), *cl = config_lookup(cfg, "constraints");
  PetscFunctionBeginUser;
  if (list) {
    if (!config_setting_is_list(list))
      PetscCall(StudyInputError(s, LineOf(list), "'objectives' must be a list ( { name = ...; }, ... )"));
    s->nobj = config_setting_length(list);
    if (s->nobj > STUDY_MAX_OBJ) PetscCall(StudyInputError(s, LineOf(list), "at most %d objectives", STUDY_MAX_OBJ));
    for (PetscInt i = 0; i < s->nobj; i++) {
      const config_setting_t *g = config_setting_get_elem(list, (unsigned) i);
      const char             *name, *sense;
      s->obj[i].line = LineOf(g);
      if (!config_setting_is_group(g))
        PetscCall(StudyInputError(s, LineOf(g), "each objective is a group { name = ...; }"));
      PetscCall(CheckMembers(s, g, "an objective", objective_settings));
      PetscCall(GetString(s, g, "name", &name));
      PetscCall(GetString(s, g, "sense", &sense));
      if (!name)
        PetscCall(StudyInputError(s, LineOf(g), "an objective needs a name (a summary name, see docs/results.md)"));
      PetscCall(PetscStrncpy(s->obj[i].name, name, sizeof(s->obj[i].name)));
      if (sense && strcmp(sense, "minimize") && strcmp(sense, "minimise") && strcmp(sense, "maximize") &&
          strcmp(sense, "maximise"))
        PetscCall(StudyInputError(s, LineOf(config_setting_get_member(g, "sense")),
                                  "sense must be \"minimize\" or \"maximize\""));
      s->obj[i].maximize =
          sense && (!strcmp(sense, "maximize") || !strcmp(sense, "maximise")) ? PETSC_TRUE : PETSC_FALSE;
      for (PetscInt k = 0; k < i; k++)
        if (!strcmp(s->obj[k].name, name))
          PetscCall(StudyInputError(s, LineOf(g), "objective '%s' is given twice", name));
    }
  }
  if (cl) {
    if (!config_setting_is_list(cl))
      PetscCall(StudyInputError(s, LineOf(cl), "'constraints' must be a list ( { name = ...; max = ...; }, ... )"));
    s->ncon = config_setting_length(cl);
    if (s->ncon > STUDY_MAX_CON) PetscCall(StudyInputError(s, LineOf(cl), "at most %d constraints", STUDY_MAX_CON));
    for (PetscInt i = 0; i < s->ncon; i++) {
      const config_setting_t *g = config_setting_get_elem(cl, (unsigned) i);
      const char             *name;
      PetscBool               has_lo, has_hi;
      StudyConstraint        *c = &s->con[i];
      c->line                   = LineOf(g);
      if (!config_setting_is_group(g))
        PetscCall(StudyInputError(s, LineOf(g), "each constraint is a group { name = ...; max = ...; }"));
      PetscCall(CheckMembers(s, g, "a constraint", constraint_settings));
      PetscCall(GetString(s, g, "name", &name));
      if (!name)
        PetscCall(StudyInputError(s, LineOf(g), "a constraint needs a name (a summary name, see docs/results.md)"));
      PetscCall(PetscStrncpy(c->name, name, sizeof(c->name)));
      c->lo = -INFINITY;
      c->hi = INFINITY;
      PetscCall(GetNumber(s, g, "min", &c->lo, &has_lo));
      PetscCall(GetNumber(s, g, "max", &c->hi, &has_hi));
      if (!has_lo && !has_hi) PetscCall(StudyInputError(s, LineOf(g), "constraint '%s' needs min or max", name));
      if (has_lo && has_hi && c->lo > c->hi)
        PetscCall(StudyInputError(s, LineOf(g), "constraint '%s': min > max", name));
    }
  }
  PetscFunctionReturn(0);
}

static const char *const optimize_settings[] = {
    "population", "generations", "crossover_probability", "crossover_eta", "mutation_eta", "refine", NULL};
static const char *const refine_settings[] = {"starts", "evaluations", "method", "fd_step", "penalty", NULL};
static const char *const sens_settings[]   = {"bootstrap", "confidence", "outputs", NULL};

static PetscErrorCode ReadOptimization(Study s, const config_t *cfg)
{
  const config_setting_t *g = config_lookup(cfg, "optimization"), *r;
  StudyOptimize          *o = &s->opt;
  PetscFunctionBeginUser;
  o->population            = 24;
  o->generations           = 10;
  o->crossover_probability = 0.9;
  o->crossover_eta         = 15.0;
  o->mutation_eta          = 20.0;
  o->refine_starts         = 2;
  o->refine_evaluations    = 100;
  o->fd_step               = 1e-3;
  o->penalty               = 1e3;
  PetscCall(PetscStrncpy(o->refine_method, "bqnls", sizeof(o->refine_method)));
  if (!g) PetscFunctionReturn(0);
  o->enabled = PETSC_TRUE;
  PetscCall(CheckMembers(s, g, "optimization", optimize_settings));
  if (s->nobj < 1) PetscCall(StudyInputError(s, LineOf(g), "optimization needs at least one objective"));
  PetscCall(GetInteger(s, g, "population", 4, 100000, &o->population));
  o->population += o->population % 2;
  PetscCall(GetInteger(s, g, "generations", 0, 100000, &o->generations));
  PetscCall(GetReal(s, g, "crossover_probability", 0.0, 1.0, &o->crossover_probability));
  PetscCall(GetReal(s, g, "crossover_eta", 0.0, 1000.0, &o->crossover_eta));
  PetscCall(GetReal(s, g, "mutation_eta", 0.0, 1000.0, &o->mutation_eta));
  r = config_setting_get_member(g, "refine");
  if (r) {
    const char *m;
    PetscCall(CheckMembers(s, r, "optimization.refine", refine_settings));
    PetscCall(GetInteger(s, r, "starts", 0, 10000, &o->refine_starts));
    PetscCall(GetInteger(s, r, "evaluations", 1, 1000000, &o->refine_evaluations));
    PetscCall(GetReal(s, r, "fd_step", 1e-10, 0.5, &o->fd_step));
    PetscCall(GetReal(s, r, "penalty", 0.0, 1e12, &o->penalty));
    PetscCall(GetString(s, r, "method", &m));
    if (m) {
      if (strcmp(m, "bqnls") && strcmp(m, "nm") && strcmp(m, "none"))
        PetscCall(
            StudyInputError(s, LineOf(config_setting_get_member(r, "method")),
                            "refine method '%s' is not one of \"bqnls\" (TAO BQNLS, finite-difference gradients), "
                            "\"nm\" (TAO Nelder-Mead), \"none\"",
                            m));
      PetscCall(PetscStrncpy(o->refine_method, m, sizeof(o->refine_method)));
    }
  }
  if (!strcmp(o->refine_method, "none")) o->refine_starts = 0;
  PetscFunctionReturn(0);
}

static PetscErrorCode ReadSensitivity(Study s, const config_t *cfg)
{
  const config_setting_t *g = config_lookup(cfg, "sensitivity"), *outs;
  PetscFunctionBeginUser;
  s->sens.bootstrap  = 1000;
  s->sens.confidence = 0.95;
  if (g) {
    PetscCall(CheckMembers(s, g, "sensitivity", sens_settings));
    if (s->design != STUDY_DESIGN_SALTELLI)
      PetscCall(StudyInputError(s, LineOf(g), "Sobol indices need design type = \"saltelli\""));
    PetscCall(GetInteger(s, g, "bootstrap", 0, 100000, &s->sens.bootstrap));
    PetscCall(GetReal(s, g, "confidence", 0.5, 0.999, &s->sens.confidence));
    outs = config_setting_get_member(g, "outputs");
    if (outs) {
      if (!config_setting_is_array(outs) && !config_setting_is_list(outs))
        PetscCall(StudyInputError(s, LineOf(outs), "'outputs' must be an array of summary names"));
      s->sens.noutputs = config_setting_length(outs);
      if (s->sens.noutputs < 1 || s->sens.noutputs > STUDY_MAX_OBJ)
        PetscCall(StudyInputError(s, LineOf(outs), "'outputs' needs 1 to %d names", STUDY_MAX_OBJ));
      for (PetscInt i = 0; i < s->sens.noutputs; i++) {
        const char *n = config_setting_get_string_elem(outs, (unsigned) i);
        if (!n) PetscCall(StudyInputError(s, LineOf(outs), "'outputs' holds quoted summary names"));
        PetscCall(PetscStrncpy(s->sens.outputs[i], n, sizeof(s->sens.outputs[i])));
      }
    }
  }
  if (s->design == STUDY_DESIGN_SALTELLI && !s->sens.noutputs) {
    for (PetscInt i = 0; i < s->nobj; i++) PetscCall(PetscStrncpy(s->sens.outputs[i], s->obj[i].name, STUDY_NAME_LEN));
    s->sens.noutputs = s->nobj;
    if (!s->sens.noutputs && s->model) { /* a model's outputs */
      for (PetscInt i = 0; i < s->model->noutputs; i++)
        PetscCall(PetscStrncpy(s->sens.outputs[i], s->model->outputs[i], STUDY_NAME_LEN));
      s->sens.noutputs = s->model->noutputs;
    }
    if (!s->sens.noutputs)
      PetscCall(StudyInputError(s, LineOf(config_lookup(cfg, "design")),
                                "a Saltelli design needs objectives or sensitivity.outputs to analyse"));
  }
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * The canonical definition and its hash (FNV-1a, 64 bit): what the results depend on, nothing else. */
static uint64_t Fnv1a(const char *text)
{
  uint64_t h = 0xcbf29ce484222325ull;
  for (const unsigned char *p = (const unsigned char *) text; *p; p++) h = (h ^ *p) * 0x100000001b3ull;
  return h;
}

/* A libconfig file as canonical text (no comments or layout); appended to the stream. */
static PetscErrorCode AppendCanonicalConfig(Study s, FILE *fp, const char *file, const char *what)
{
  config_t cfg;
  char    *copy, dir[PETSC_MAX_PATH_LEN];
  PetscFunctionBeginUser;
  PetscCall(PetscStrallocpy(file, &copy));
  PetscCall(PetscStrncpy(dir, dirname(copy), sizeof(dir)));
  PetscCall(PetscFree(copy));
  config_init(&cfg);
  config_set_include_dir(&cfg, dir);
  if (config_read_file(&cfg, file) != CONFIG_TRUE) {
    config_destroy(&cfg);
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s: cannot read %s %s", s->file, what, file);
  }
  fprintf(fp, "--- %s\n", what);
  config_write(&cfg, fp);
  config_destroy(&cfg);
  PetscFunctionReturn(0);
}

static PetscErrorCode BuildDefinition(Study s, EprocCase base)
{
  char  *text = NULL;
  size_t len  = 0;
  FILE  *fp   = open_memstream(&text, &len);
  PetscFunctionBeginUser;
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_MEM, "Cannot build the study definition");
  fprintf(fp, "eproc study definition 1 (eproc %s)\nname %s\n", EPROC_VERSION, s->name);
  if (s->model) {
    fprintf(fp, "model %s", s->model->name);
    for (PetscInt i = 0; i < s->model->nconstants; i++)
      fprintf(fp, " %s=%.17g", s->model->constants[i], s->model_constants[i]);
    fprintf(fp, "\n");
  } else {
    const char *mat, *dir;
    char        matpath[2 * PETSC_MAX_PATH_LEN];
    fprintf(fp, "case_options %s\n", s->case_options ? s->case_options : "");
    PetscCall(AppendCanonicalConfig(s, fp, s->base_case, "base case"));
    PetscCall(CaseGetString(base, "process.materials_file", &mat));
    PetscCall(CaseGetDirectory(base, &dir));
    if (mat[0] == '/')
      snprintf(matpath, sizeof(matpath), "%s", mat);
    else
      snprintf(matpath, sizeof(matpath), "%s/%s", dir, mat);
    PetscCall(AppendCanonicalConfig(s, fp, matpath, "materials"));
  }
  fprintf(fp, "--- study\nseed %llu\ndesign %d samples %d levels %d scramble %d\n", (unsigned long long) s->seed,
          (int) s->design, (int) s->samples, (int) s->levels, (int) s->scramble);
  for (PetscInt i = 0; i < s->np; i++) {
    const StudyParameter *p = &s->param[i];
    fprintf(fp, "parameter %s kind %d scale %d lo %.17g hi %.17g levels %d keys", p->name, (int) p->kind,
            (int) p->scale, p->lo, p->hi, (int) p->levels);
    for (PetscInt k = 0; k < p->nkeys; k++) fprintf(fp, " %s", p->keys[k]);
    fprintf(fp, " choices");
    for (PetscInt k = 0; k < p->nchoices; k++) fprintf(fp, " \"%s\"", p->choices[k]);
    fprintf(fp, "\n");
  }
  for (PetscInt i = 0; i < s->nobj; i++)
    fprintf(fp, "objective %s %s\n", s->obj[i].name, s->obj[i].maximize ? "max" : "min");
  for (PetscInt i = 0; i < s->ncon; i++)
    fprintf(fp, "constraint %s %.17g %.17g\n", s->con[i].name, s->con[i].lo, s->con[i].hi);
  if (s->opt.enabled)
    fprintf(
        fp,
        "optimization population %d generations %d pc %.17g etac %.17g etam %.17g refine %s starts %d evaluations %d "
        "fd_step %.17g penalty %.17g\n",
        (int) s->opt.population, (int) s->opt.generations, s->opt.crossover_probability, s->opt.crossover_eta,
        s->opt.mutation_eta, s->opt.refine_method, (int) s->opt.refine_starts, (int) s->opt.refine_evaluations,
        s->opt.fd_step, s->opt.penalty);
  if (s->design == STUDY_DESIGN_SALTELLI) {
    fprintf(fp, "sensitivity bootstrap %d confidence %.17g outputs", (int) s->sens.bootstrap, s->sens.confidence);
    for (PetscInt i = 0; i < s->sens.noutputs; i++) fprintf(fp, " %s", s->sens.outputs[i]);
    fprintf(fp, "\n");
  }
  PetscCheck(!fclose(fp) && text, PETSC_COMM_SELF, PETSC_ERR_MEM, "Cannot build the study definition");
  PetscCall(PetscStrallocpy(text, &s->definition));
  free(text);
  s->hash = Fnv1a(s->definition);
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------------------------------------
 * The study file */
static const char *const top_sections[]   = {"study",       "parameters",   "design",      "objectives",
                                             "constraints", "optimization", "sensitivity", NULL};
static const char *const study_settings[] = {"name", "base_case", "model", "seed", NULL};

static PetscErrorCode ReadModel(Study s, const config_setting_t *mg)
{
  const char *name;
  char        known[256];
  PetscFunctionBeginUser;
  PetscCall(GetString(s, mg, "name", &name));
  PetscCall(StudyModelNames(known, sizeof(known)));
  if (!name) PetscCall(StudyInputError(s, LineOf(mg), "model needs a name (one of %s)", known));
  PetscCall(StudyModelFind(name, &s->model));
  if (!s->model)
    PetscCall(StudyInputError(s, LineOf(config_setting_get_member(mg, "name")), "model '%s' is not known (models: %s)",
                              name, known));
  for (PetscInt i = 0; i < s->model->nconstants; i++) s->model_constants[i] = s->model->defaults[i];
  for (int i = 0; i < config_setting_length(mg); i++) {
    const config_setting_t *m  = config_setting_get_elem(mg, (unsigned) i);
    const char             *nm = config_setting_name(m);
    PetscBool               ok = !strcmp(nm, "name") || !strcmp(nm, "inputs") ? PETSC_TRUE : PETSC_FALSE;
    for (PetscInt k = 0; k < s->model->nconstants; k++)
      if (!strcmp(nm, s->model->constants[k])) {
        PetscBool present;
        PetscCall(GetNumber(s, mg, nm, &s->model_constants[k], &present));
        ok = PETSC_TRUE;
      }
    if (!ok) PetscCall(StudyInputError(s, LineOf(m), "'%s' is not a setting of model '%s'", nm, s->model->name));
  }
  PetscFunctionReturn(0);
}

PetscErrorCode StudyLoad(Study s, const char *file, const char *case_options)
{
  config_t                cfg;
  const config_setting_t *sg, *mg;
  const char             *name, *base;
  EprocCase               basecase = NULL;
  PetscErrorCode          ierr     = 0;
  char                   *copy;
  FILE                   *fp;
  PetscFunctionBeginUser;
  PetscCall(PetscStrncpy(s->file, file, sizeof(s->file)));
  PetscCall(PetscStrallocpy(file, &copy));
  PetscCall(PetscStrncpy(s->dir, dirname(copy), sizeof(s->dir)));
  PetscCall(PetscFree(copy));
  PetscCall(PetscStrallocpy(case_options ? case_options : "", &s->case_options));
  fp = fopen(file, "r");
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s: cannot open the study file", file);
  fclose(fp);
  config_init(&cfg);
  config_set_include_dir(&cfg, s->dir);
  if (config_read_file(&cfg, file) != CONFIG_TRUE) {
    char msg[512];
    snprintf(msg, sizeof(msg), "%s:%d: %s (libconfig syntax)", config_error_file(&cfg) ? config_error_file(&cfg) : file,
             config_error_line(&cfg), config_error_text(&cfg));
    config_destroy(&cfg);
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s", msg);
  }
  /* everything below reports through ierr so that the configuration is always destroyed */
#define TRY(call)                                                                                                      \
  do {                                                                                                                 \
    if (!ierr) ierr = (call);                                                                                          \
  } while (0)
  TRY(CheckMembers(s, config_root_setting(&cfg), "a study file", top_sections));
  sg = config_lookup(&cfg, "study");
  if (!ierr && !sg)
    ierr = StudyInputError(s, 1, "not a study file: it needs a 'study = { name = ...; base_case = ...; }' group");
  TRY(CheckMembers(s, sg, "study", study_settings));
  if (!ierr) {
    TRY(GetString(s, sg, "name", &name));
    if (!ierr) TRY(PetscStrncpy(s->name, name ? name : "study", sizeof(s->name)));
    TRY(GetString(s, sg, "base_case", &base));
    mg = sg ? config_setting_get_member(sg, "model") : NULL;
    if (!ierr && base && mg) ierr = StudyInputError(s, LineOf(mg), "give base_case or model, not both");
    if (!ierr && !base && !mg)
      ierr = StudyInputError(s, LineOf(sg), "the study needs base_case (a case file) or model");
    if (!ierr && mg) TRY(ReadModel(s, mg));
    if (!ierr && base) {
      size_t n;
      if (base[0] == '/')
        n = (size_t) snprintf(s->base_case, sizeof(s->base_case), "%s", base);
      else
        n = (size_t) snprintf(s->base_case, sizeof(s->base_case), "%s/%s", s->dir, base);
      if (n >= sizeof(s->base_case)) ierr = StudyInputError(s, LineOf(sg), "base_case path too long");
      fp = fopen(s->base_case, "r");
      if (!fp)
        ierr = StudyInputError(s, LineOf(config_setting_get_member(sg, "base_case")), "cannot open the base case %s",
                               s->base_case);
      else
        fclose(fp);
      if (!ierr) {
        StudyCapturedError cap;
        cap.msg[0] = 0;
        TRY(PetscPushErrorHandler(StudyCaptureHandler, &cap));
        ierr = EprocCaseLoad(PETSC_COMM_SELF, s->base_case, 0, NULL, &basecase);
        PetscCall(PetscPopErrorHandler());
        if (ierr)
          ierr = StudyInputError(s, LineOf(config_setting_get_member(sg, "base_case")),
                                 "the base case is not valid: %s", cap.msg);
      }
    }
    {
      double    seed = 0;
      PetscBool present;
      TRY(GetNumber(s, sg, "seed", &seed, &present));
      if (!ierr && (seed < 0 || seed != floor(seed) || seed > 9.0e15))
        ierr = StudyInputError(s, LineOf(config_setting_get_member(sg, "seed")), "seed must be a whole number >= 0");
      if (!ierr) s->seed = (uint64_t) seed; /* an invalid seed (negative, huge, NaN) must not reach the cast */
    }
  }
  TRY(ReadParameters(s, &cfg, basecase));
  TRY(ReadDesign(s, &cfg));
  TRY(ReadObjectives(s, &cfg));
  TRY(ReadOptimization(s, &cfg));
  TRY(ReadSensitivity(s, &cfg));
  if (!ierr && s->design == STUDY_DESIGN_NONE && !s->opt.enabled)
    ierr = StudyInputError(s, 1, "the study has neither a design nor an optimization: nothing to run");
  if (!ierr && !s->model && s->check_ranges) TRY(TryParameterRanges(s));
  TRY(BuildDefinition(s, basecase));
#undef TRY
  config_destroy(&cfg);
  PetscCall(CaseDestroy(&basecase));
  PetscCall(ierr);
  PetscFunctionReturn(0);
}

/* Objective, constraint and sensitivity names against the outputs; the outputs are then the study's columns. */
PetscErrorCode StudyResolveOutputs(Study s, PetscInt nout, const char (*names)[64], const char (*units)[32])
{
  char list[2048] = "";
  PetscFunctionBeginUser;
  PetscCall(PetscFree(s->out_name));
  PetscCall(PetscFree(s->out_unit));
  PetscCall(PetscMalloc1(nout, &s->out_name));
  PetscCall(PetscMalloc1(nout, &s->out_unit));
  s->nout = nout;
  for (PetscInt i = 0; i < nout; i++) {
    PetscCall(PetscStrncpy(s->out_name[i], names[i], 64));
    PetscCall(PetscStrncpy(s->out_unit[i], units[i], 32));
    if (strlen(list) + strlen(names[i]) + 3 < sizeof(list)) {
      PetscCall(PetscStrlcat(list, i ? ", " : "", sizeof(list)));
      PetscCall(PetscStrlcat(list, names[i], sizeof(list)));
    }
    for (PetscInt k = 0; k < s->np; k++)
      PetscCheck(strcmp(s->param[k].name, names[i]), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
                 "%s:%d: parameter '%s' has the name of an output", s->file, s->param[k].line, names[i]);
  }
  for (PetscInt i = 0; i < s->nobj; i++) {
    s->obj[i].output = -1;
    for (PetscInt k = 0; k < nout; k++)
      if (!strcmp(s->obj[i].name, names[k])) s->obj[i].output = k;
    if (s->obj[i].output < 0)
      PetscCall(StudyInputError(s, s->obj[i].line, "objective '%s' is not an output of the %s (outputs: %s)",
                                s->obj[i].name, s->model ? "model" : "base case's summary", list));
  }
  for (PetscInt i = 0; i < s->ncon; i++) {
    s->con[i].output = -1;
    for (PetscInt k = 0; k < nout; k++)
      if (!strcmp(s->con[i].name, names[k])) s->con[i].output = k;
    if (s->con[i].output < 0)
      PetscCall(StudyInputError(s, s->con[i].line, "constraint '%s' is not an output of the %s (outputs: %s)",
                                s->con[i].name, s->model ? "model" : "base case's summary", list));
  }
  for (PetscInt i = 0; i < s->sens.noutputs; i++) {
    PetscBool found = PETSC_FALSE;
    for (PetscInt k = 0; k < nout; k++)
      if (!strcmp(s->sens.outputs[i], names[k])) found = PETSC_TRUE;
    if (!found)
      PetscCall(
          StudyInputError(s, 1, "sensitivity output '%s' is not an output (outputs: %s)", s->sens.outputs[i], list));
  }
  PetscFunctionReturn(0);
}
