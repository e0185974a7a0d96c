/* Plant context: reads and validates cases/plant.cfg (as materials.cfg is read) and sets a route in the plant
 * (see plant.h and docs/compare.md). */
#include "plant.h"
#include <libconfig.h>
#include <stdarg.h>
#include <math.h>
#include <string.h>

struct _p_Plant {
  MPI_Comm   comm;
  char       filename[PETSC_MAX_PATH_LEN];
  PetscReal  total_low, total_high; /* J/J */
  PlantStep *steps;
  PetscInt   nsteps;
  PetscReal  grid_factor, heat_factor; /* kg/J */
};

typedef struct {
  const char *key, *unit;
  double      min, max;
} PlantKey;

/* Ranges: no plant needs more than 200 kWh per kWh of cell (the 50 LCAs of Aichberger & Jungmeier put the
 * cradle-to-gate primary energy of whole packs at 200-500); a single step above 100 is an input slip. */
static const PlantKey baseline_keys[] = {
    {"total_low_kWh_per_kWh_cell", "kWh_per_kWh_cell", 1.0, 200.0},
    {"total_high_kWh_per_kWh_cell", "kWh_per_kWh_cell", 1.0, 200.0},
};
static const PlantKey step_keys[] = {
    {"electric_kWh_per_kWh_cell", "kWh_per_kWh_cell", 0.0, 100.0},
    {"heat_kWh_per_kWh_cell", "kWh_per_kWh_cell", 0.0, 100.0},
    {"cathode_fraction", "-", 0.0, 1.0},
};
/* The dirtiest grids emit about 1.1 kg CO2e/kWh (lignite); 2 leaves room for heat from fuel oil at a poor
 * efficiency while catching slips of a factor 1000 (g instead of kg). */
static const PlantKey factor_keys[] = {
    {"grid_kg_CO2e_per_kWh", "kg_CO2e_per_kWh", 0.0, 2.0},
    {"heat_kg_CO2e_per_kWh", "kg_CO2e_per_kWh", 0.0, 2.0},
};

static PetscErrorCode PlantErrorAt(Plant p, const config_setting_t *s, const char *fmt, ...)
{
  char    msg[768];
  va_list ap;
  PetscFunctionBeginUser;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  SETERRQ(p->comm, PETSC_ERR_USER_INPUT, "%s:%u: %s (plant file, see docs/compare.md)", p->filename,
          s ? config_setting_source_line(s) : 0, msg);
}

/* Every member of group g must be one of known[] (nknown keys) or extra[] (NULL-terminated). */
static PetscErrorCode CheckMembers(Plant p, const config_setting_t *g, const char *where, const PlantKey known[],
                                   PetscInt nknown, const char *const extra[])
{
  PetscFunctionBeginUser;
  for (int i = 0; i < config_setting_length(g); i++) {
    const config_setting_t *m         = config_setting_get_elem(g, (unsigned) i);
    const char             *name      = config_setting_name(m);
    PetscBool               ok        = PETSC_FALSE;
    char                    list[512] = "";
    for (PetscInt k = 0; k < nknown; k++) {
      ok = ok || (name && !strcmp(name, known[k].key)) ? PETSC_TRUE : PETSC_FALSE;
      PetscCall(PetscStrlcat(list, k ? ", " : "", sizeof(list)));
      PetscCall(PetscStrlcat(list, known[k].key, sizeof(list)));
    }
    for (PetscInt k = 0; extra && extra[k]; k++) {
      ok = ok || (name && !strcmp(name, extra[k])) ? PETSC_TRUE : PETSC_FALSE;
      PetscCall(PetscStrlcat(list, nknown || k ? ", " : "", sizeof(list)));
      PetscCall(PetscStrlcat(list, extra[k], sizeof(list)));
    }
    if (!ok) PetscCall(PlantErrorAt(p, m, "%s: key '%s' is not known (known: %s)", where, name ? name : "?", list));
  }
  PetscFunctionReturn(0);
}

/* A number in group g: SI value; a missing key is an error when required, else *value keeps its default. */
static PetscErrorCode ReadNumber(Plant p, const config_setting_t *g, const char *where, const PlantKey *k,
                                 PetscBool required, PetscReal *value)
{
  const config_setting_t *s = config_setting_get_member(g, k->key);
  double                  v, scale, offset;
  const char             *disp;
  int                     t;
  PetscFunctionBeginUser;
  PetscCall(UnitsToSI(k->unit, &scale, &offset, &disp));
  if (!s) {
    if (required) PetscCall(PlantErrorAt(p, g, "%s: required key '%s' is missing", where, k->key));
    PetscFunctionReturn(0);
  }
  t = config_setting_type(s);
  if (t != CONFIG_TYPE_FLOAT && t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64)
    PetscCall(PlantErrorAt(p, s, "%s: key '%s' must be a number", where, k->key));
  v = t == CONFIG_TYPE_FLOAT ? config_setting_get_float(s) : (double) config_setting_get_int64(s);
  if (!(v >= k->min && v <= k->max))
    PetscCall(PlantErrorAt(p, s, "%s: key '%s' = %g is outside the allowed range [%g, %g]%s%s", where, k->key, v,
                           k->min, k->max, strcmp(k->unit, "-") ? " " : "", strcmp(k->unit, "-") ? disp : ""));
  *value = (PetscReal) (v * scale + offset);
  PetscFunctionReturn(0);
}

static PetscErrorCode ReadStep(Plant p, const config_setting_t *g, PetscInt i, PlantStep *step)
{
  static const char *const extra[] = {"name", "stages", NULL};
  const config_setting_t  *name    = config_setting_get_member(g, "name");
  const config_setting_t  *stages  = config_setting_get_member(g, "stages");
  char                     where[96];
  PetscFunctionBeginUser;
  PetscCall(PetscSNPrintf(where, sizeof(where), "baseline.steps.[%" PetscInt_FMT "]", i));
  if (!config_setting_is_group(g)) PetscCall(PlantErrorAt(p, g, "%s must be a group { name = ...; ... }", where));
  if (!name || config_setting_type(name) != CONFIG_TYPE_STRING || !config_setting_get_string(name)[0])
    PetscCall(PlantErrorAt(p, name ? name : g, "%s: key 'name' must be a non-empty quoted string", where));
  PetscCheck(strlen(config_setting_get_string(name)) < PLANT_NAME_LEN, p->comm, PETSC_ERR_USER_INPUT,
             "%s:%u: %s: name too long", p->filename, config_setting_source_line(name), where);
  PetscCall(PetscStrncpy(step->name, config_setting_get_string(name), sizeof(step->name)));
  PetscCall(PetscSNPrintf(where, sizeof(where), "step '%s'", step->name));
  PetscCall(CheckMembers(p, g, where, step_keys, PETSC_STATIC_ARRAY_LENGTH(step_keys), extra));
  PetscCall(ReadNumber(p, g, where, &step_keys[0], PETSC_TRUE, &step->electric));
  PetscCall(ReadNumber(p, g, where, &step_keys[1], PETSC_TRUE, &step->heat));
  step->cathode_fraction = NAN;
  PetscCall(ReadNumber(p, g, where, &step_keys[2], PETSC_FALSE, &step->cathode_fraction));
  if (stages) {
    if (!config_setting_is_array(stages) && !config_setting_is_list(stages))
      PetscCall(PlantErrorAt(p, stages, "%s: 'stages' must be an array of stage types [\"a\", \"b\"]", where));
    if (config_setting_length(stages) > PLANT_MAX_STAGES)
      PetscCall(PlantErrorAt(p, stages, "%s: at most %d stage types", where, PLANT_MAX_STAGES));
    for (int k = 0; k < config_setting_length(stages); k++) {
      const config_setting_t *e = config_setting_get_elem(stages, (unsigned) k);
      if (config_setting_type(e) != CONFIG_TYPE_STRING || strlen(config_setting_get_string(e)) >= PLANT_NAME_LEN ||
          !config_setting_get_string(e)[0])
        PetscCall(PlantErrorAt(p, stages, "%s: 'stages' must hold stage type names as quoted strings", where));
      PetscCall(PetscStrncpy(step->stages[k], config_setting_get_string(e), PLANT_NAME_LEN));
    }
    step->nstages = config_setting_length(stages);
    if (step->nstages && PetscIsNanReal(step->cathode_fraction))
      PetscCall(PlantErrorAt(p, g,
                             "%s: a step that eproc stages stand for needs 'cathode_fraction' (the positive "
                             "electrode's share of the step)",
                             where));
  }
  if (PetscIsNanReal(step->cathode_fraction)) step->cathode_fraction = 0.5; /* unused without stages */
  PetscFunctionReturn(0);
}

static PetscErrorCode ReadPlant(Plant p, config_t *cfg)
{
  static const char *const sections[]  = {"baseline", "emission_factors", NULL};
  static const char *const steps_key[] = {"steps", NULL};
  config_setting_t        *root        = config_root_setting(cfg), *base, *steps, *factors;
  PetscReal                sum         = 0.0;
  PetscFunctionBeginUser;
  PetscCall(CheckMembers(p, root, "top level", NULL, 0, sections));
  base    = config_lookup(cfg, "baseline");
  factors = config_lookup(cfg, "emission_factors");
  if (!base || !config_setting_is_group(base))
    PetscCall(PlantErrorAt(p, base ? base : root, "group 'baseline = { ... };' is missing"));
  if (!factors || !config_setting_is_group(factors))
    PetscCall(PlantErrorAt(p, factors ? factors : root, "group 'emission_factors = { ... };' is missing"));
  PetscCall(CheckMembers(p, base, "baseline", baseline_keys, PETSC_STATIC_ARRAY_LENGTH(baseline_keys), steps_key));
  PetscCall(ReadNumber(p, base, "baseline", &baseline_keys[0], PETSC_TRUE, &p->total_low));
  PetscCall(ReadNumber(p, base, "baseline", &baseline_keys[1], PETSC_TRUE, &p->total_high));
  if (p->total_low > p->total_high)
    PetscCall(PlantErrorAt(p, config_setting_get_member(base, "total_high_kWh_per_kWh_cell"),
                           "baseline: total_high_kWh_per_kWh_cell = %g is below total_low_kWh_per_kWh_cell = %g",
                           (double) p->total_high, (double) p->total_low));
  steps = config_setting_get_member(base, "steps");
  if (!steps || !config_setting_is_list(steps) || config_setting_length(steps) < 1)
    PetscCall(PlantErrorAt(p, steps ? steps : base, "baseline: 'steps = ( { ... }, ... );' needs at least one step"));
  p->nsteps = config_setting_length(steps);
  PetscCall(PetscCalloc1(p->nsteps, &p->steps));
  for (PetscInt i = 0; i < p->nsteps; i++) {
    config_setting_t *g = config_setting_get_elem(steps, (unsigned) i);
    PetscCall(ReadStep(p, g, i, &p->steps[i]));
    for (PetscInt k = 0; k < i; k++)
      if (!strcmp(p->steps[k].name, p->steps[i].name))
        PetscCall(PlantErrorAt(p, g, "baseline: step '%s' appears twice", p->steps[i].name));
    /* a stage type stands for one step only, or its ledger would be set against two */
    for (PetscInt s = 0; s < p->steps[i].nstages; s++)
      for (PetscInt k = 0; k < i; k++)
        for (PetscInt t = 0; t < p->steps[k].nstages; t++)
          if (!strcmp(p->steps[i].stages[s], p->steps[k].stages[t]))
            PetscCall(PlantErrorAt(p, g, "baseline: stage type '%s' stands for both step '%s' and step '%s'",
                                   p->steps[i].stages[s], p->steps[k].name, p->steps[i].name));
    sum += p->steps[i].electric + p->steps[i].heat;
  }
  if (!(sum > 0.0)) PetscCall(PlantErrorAt(p, steps, "baseline: the steps add up to no energy at all"));
  PetscCall(CheckMembers(p, factors, "emission_factors", factor_keys, PETSC_STATIC_ARRAY_LENGTH(factor_keys), NULL));
  PetscCall(ReadNumber(p, factors, "emission_factors", &factor_keys[0], PETSC_TRUE, &p->grid_factor));
  PetscCall(ReadNumber(p, factors, "emission_factors", &factor_keys[1], PETSC_TRUE, &p->heat_factor));
  PetscFunctionReturn(0);
}

PetscErrorCode PlantLoad(MPI_Comm comm, const char *filename, Plant *p)
{
  config_t       cfg;
  FILE          *fp;
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(p));
  (*p)->comm = comm;
  PetscCall(PetscStrncpy((*p)->filename, filename, sizeof((*p)->filename)));
  fp = fopen(filename, "r");
  if (!fp) {
    PetscCall(PlantDestroy(p));
    SETERRQ(comm, PETSC_ERR_USER_INPUT, "%s: cannot open the plant file (plant.file)", filename);
  }
  fclose(fp);
  config_init(&cfg);
  if (config_read_file(&cfg, filename) != CONFIG_TRUE) {
    char msg[PETSC_MAX_PATH_LEN + 256];
    snprintf(msg, sizeof(msg), "%s:%d: %s (libconfig syntax: key = value; groups in { }, lists in ( ))", filename,
             config_error_line(&cfg), config_error_text(&cfg));
    config_destroy(&cfg);
    PetscCall(PlantDestroy(p));
    SETERRQ(comm, PETSC_ERR_USER_INPUT, "%s", msg);
  }
  ierr = ReadPlant(*p, &cfg);
  config_destroy(&cfg);
  if (ierr) PetscCall(PlantDestroy(p));
  PetscCall(ierr);
  PetscFunctionReturn(0);
}

PetscErrorCode PlantDestroy(Plant *p)
{
  PetscFunctionBeginUser;
  if (!*p) PetscFunctionReturn(0);
  PetscCall(PetscFree((*p)->steps));
  PetscCall(PetscFree(*p));
  PetscFunctionReturn(0);
}

PetscErrorCode PlantCreateFromCase(EprocCase c, Plant *p)
{
  PlantCaseKeys keys;
  const char   *dir;
  char          path[PETSC_MAX_PATH_LEN];
  MPI_Comm      comm;
  PetscFunctionBeginUser;
  PetscCall(CaseGetComm(c, &comm));
  PetscCall(CaseReadSection(c, CasePlantKeys, CasePlantNumKeys, &keys));
  PetscCall(CaseGetDirectory(c, &dir));
  if (keys.file[0] == '/')
    PetscCall(PetscStrncpy(path, keys.file, sizeof(path)));
  else if ((size_t) snprintf(path, sizeof(path), "%s/%s", dir, keys.file) >= sizeof(path))
    PetscCall(CaseInputError(c, "plant.file", "path too long"));
  {
    FILE *fp = fopen(path, "r");
    if (fp)
      fclose(fp);
    else
      PetscCall(CaseInputError(c, "plant.file", "cannot open the plant file %s", path));
  }
  PetscCall(PlantLoad(comm, path, p));
  if (!PetscIsNanReal(keys.grid_factor)) (*p)->grid_factor = keys.grid_factor;
  if (!PetscIsNanReal(keys.heat_factor)) (*p)->heat_factor = keys.heat_factor;
  PetscFunctionReturn(0);
}

PetscErrorCode PlantGetCaseRole(EprocCase c, PetscBool *known, PetscBool *cathode)
{
  static const char *const roles[] = {"auto", "cathode", "anode", NULL};
  PetscInt                 role;
  PetscFunctionBeginUser;
  PetscCall(CaseGetChoice(c, "plant.electrode", roles, &role));
  *known   = role ? PETSC_TRUE : PETSC_FALSE;
  *cathode = role == 1 ? PETSC_TRUE : PETSC_FALSE;
  PetscFunctionReturn(0);
}

PetscErrorCode PlantCheckCase(EprocCase c)
{
  PetscBool present, known, cathode;
  Plant     p = NULL;
  PetscFunctionBeginUser;
  PetscCall(CaseHas(c, "plant", &present));
  if (!present) PetscFunctionReturn(0);
  PetscCall(PlantGetCaseRole(c, &known, &cathode));
  PetscCall(PlantCreateFromCase(c, &p));
  PetscCall(PlantDestroy(&p));
  PetscFunctionReturn(0);
}

PetscBool PlantRoleFromPotential(PetscReal nominal_voltage_vs_Li)
{
  return nominal_voltage_vs_Li > 2.0 ? PETSC_TRUE : PETSC_FALSE;
}

PetscErrorCode PlantGetFileName(Plant p, const char **filename)
{
  PetscFunctionBeginUser;
  *filename = p->filename;
  PetscFunctionReturn(0);
}

PetscErrorCode PlantGetBaseline(Plant p, PetscReal *total_low, PetscReal *total_high, PetscInt *nsteps,
                                const PlantStep **steps)
{
  PetscFunctionBeginUser;
  if (total_low) *total_low = p->total_low;
  if (total_high) *total_high = p->total_high;
  if (nsteps) *nsteps = p->nsteps;
  if (steps) *steps = p->steps;
  PetscFunctionReturn(0);
}

PetscErrorCode PlantGetEmissionFactors(Plant p, PetscReal *grid_kg_per_J, PetscReal *heat_kg_per_J)
{
  PetscFunctionBeginUser;
  if (grid_kg_per_J) *grid_kg_per_J = p->grid_factor;
  if (heat_kg_per_J) *heat_kg_per_J = p->heat_factor;
  PetscFunctionReturn(0);
}

/* Does the route stand for (its electrode's share of) this step? */
static PetscBool Covers(const PlantStep *s, const PlantRoute *r)
{
  for (PetscInt i = 0; i < s->nstages; i++)
    for (PetscInt k = 0; k < r->nstages; k++)
      if (!strcmp(s->stages[i], r->stage_types[k])) return PETSC_TRUE;
  return PETSC_FALSE;
}

PetscErrorCode PlantEvaluate(Plant p, const PlantRoute *r, PlantContext *ctx)
{
  PetscReal sum = 0.0, covered = 0.0, rest_co2e = 0.0;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(ctx, sizeof(*ctx)));
  /* the baseline split, and what of it the route stands for, per unit of the split's own total */
  for (PetscInt i = 0; i < p->nsteps; i++) {
    const PlantStep *s = &p->steps[i];
    PetscReal        f = 0.0;
    if (Covers(s, r)) {
      f = r->cathode ? s->cathode_fraction : 1.0 - s->cathode_fraction;
      ctx->ncovered++;
    }
    sum += s->electric + s->heat;
    covered += f * (s->electric + s->heat);
    rest_co2e += (1.0 - f) * (s->heat * p->heat_factor + s->electric * p->grid_factor);
  }
  ctx->route       = r->thermal + r->electric;
  ctx->route_co2e  = r->thermal * p->heat_factor + r->electric * p->grid_factor;
  ctx->grid_factor = p->grid_factor;
  ctx->heat_factor = p->heat_factor;
  ctx->baseline[0] = p->total_low;
  ctx->baseline[1] = p->total_high;
  for (PetscInt b = 0; b < 2; b++) {
    PetscReal k        = ctx->baseline[b] / sum; /* the split scaled to this bound of the total */
    ctx->replaced[b]   = k * covered;
    ctx->rest[b]       = ctx->baseline[b] - ctx->replaced[b];
    ctx->total[b]      = ctx->rest[b] + ctx->route;
    ctx->share[b]      = ctx->total[b] > 0.0 ? ctx->route / ctx->total[b] : 0.0;
    ctx->total_co2e[b] = k * rest_co2e + ctx->route_co2e;
  }
  PetscFunctionReturn(0);
}
