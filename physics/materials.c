/* Materials data base: reads cases/materials.cfg (libconfig), validates every entry, converts to SI. */
#include "materials.h"
#include "../solver/case.h"
#include <libconfig.h>
#include <math.h>
#include <string.h>

typedef struct {
  const char *key; /* name inside a material's group; ends with its unit suffix */
  const char *unit;
  double      min, max;
  PetscBool   required;
  double      default_value;
} PropertySpec;

static const PropertySpec solvent_props[] = {
    {"molar_mass_g_per_mol", "g_per_mol", 1.0, 1000.0, PETSC_TRUE, 0},
    {"density_kg_per_m3", "kg_per_m3", 500.0, 2000.0, PETSC_TRUE, 0},
    {"cp_liquid_J_per_kgK", "J_per_kgK", 500.0, 6000.0, PETSC_TRUE, 0},
    {"cp_vapour_J_per_kgK", "J_per_kgK", 300.0, 4000.0, PETSC_TRUE, 0},
    {"critical_temperature_K", "K", 300.0, 1000.0, PETSC_TRUE, 0},
    {"boiling_point_K", "K", 250.0, 700.0, PETSC_TRUE, 0},
    {"lewis_number", "-", 0.1, 10.0, PETSC_TRUE, 0},
    {"diffusivity_air_298_m2_per_s", "m2_per_s", 1e-7, 1e-3, PETSC_TRUE, 0},
    {"lel_vol_percent", "vol_percent", 0.0, 20.0, PETSC_FALSE, 0.0},
    {"viscosity_mPas", "mPas", 0.1, 100.0, PETSC_TRUE, 0},
    {"surface_tension_mN_per_m", "mN_per_m", 10.0, 100.0, PETSC_TRUE, 0},
};
static const PropertySpec solid_props[] = {
    {"density_g_per_cm3", "g_per_cm3", 0.5, 25.0, PETSC_TRUE, 0},
    {"cp_J_per_kgK", "J_per_kgK", 100.0, 5000.0, PETSC_TRUE, 0},
    {"specific_capacity_mAh_per_g", "mAh_per_g", 0.0, 4000.0, PETSC_FALSE, 0.0},
    {"nominal_voltage_V", "V", 0.0, 6.0, PETSC_FALSE, 0.0},
    {"electronic_resistivity_Ohm_m", "Ohm_m", 1e-9, 1e20, PETSC_TRUE, 0},
    {"relative_permittivity", "-", 1.0, 1e4, PETSC_TRUE, 0},
    {"thermal_conductivity_W_per_mK", "W_per_mK", 0.01, 2000.0, PETSC_TRUE, 0},
    {"particle_diameter_um", "um", 0.01, 500.0, PETSC_TRUE, 0},
    {"melting_point_C", "C", -273.15, 4000.0, PETSC_FALSE, -273.15},
    /* compaction law of an electrode of this active material (physics/calendering.c); 0: none given */
    {"calender_minimum_porosity", "-", 0.0, 0.8, PETSC_FALSE, 0.0},
    {"calender_compaction_resistance_N_per_mm", "N_per_mm", 0.0, 1.0e5, PETSC_FALSE, 0.0},
};
static const PropertySpec foil_props[] = {
    {"density_kg_per_m3", "kg_per_m3", 1000.0, 25000.0, PETSC_TRUE, 0},
    {"cp_J_per_kgK", "J_per_kgK", 100.0, 5000.0, PETSC_TRUE, 0},
    {"thermal_conductivity_W_per_mK", "W_per_mK", 1.0, 2000.0, PETSC_TRUE, 0},
    {"electrical_resistivity_Ohm_m", "Ohm_m", 1e-9, 1e-3, PETSC_TRUE, 0},
};

struct _p_Materials {
  MPI_Comm comm;
  char     filename[PETSC_MAX_PATH_LEN];
  Solvent *solvents;
  Solid   *solids;
  Foil    *foils;
  PetscInt nsolvents, nsolids, nfoils;
};

PetscErrorCode MaterialsCreate(MPI_Comm comm, Materials *m)
{
  PetscFunctionBeginUser;
  PetscCall(PetscNew(m));
  (*m)->comm = comm;
  PetscFunctionReturn(0);
}

PetscErrorCode MaterialsDestroy(Materials *m)
{
  PetscFunctionBeginUser;
  if (!*m) PetscFunctionReturn(0);
  PetscCall(PetscFree((*m)->solvents));
  PetscCall(PetscFree((*m)->solids));
  PetscCall(PetscFree((*m)->foils));
  PetscCall(PetscFree(*m));
  PetscFunctionReturn(0);
}

static PetscErrorCode MaterialError(Materials m, const config_setting_t *s, const char *fmt, const char *a,
                                    const char *b)
{
  char msg[512];
  PetscFunctionBeginUser;
  snprintf(msg, sizeof(msg), fmt, a, b);
  SETERRQ(m->comm, PETSC_ERR_USER_INPUT, "%s:%u: %s", m->filename, s ? config_setting_source_line(s) : 0, msg);
}

static PetscBool IsProperty(const PropertySpec *p, PetscInt n, const char *key, const char *const extra[])
{
  for (PetscInt i = 0; i < n; i++)
    if (!strcmp(p[i].key, key)) return PETSC_TRUE;
  for (PetscInt i = 0; extra && extra[i]; i++)
    if (!strcmp(extra[i], key)) return PETSC_TRUE;
  return PETSC_FALSE;
}

/* Read the properties of one material group into values[] (SI); reject unknown keys. */
static PetscErrorCode ReadProperties(Materials m, config_setting_t *g, const PropertySpec *p, PetscInt n,
                                     const char *const extra[], PetscReal values[])
{
  const char *name = config_setting_name(g);
  PetscFunctionBeginUser;
  for (int i = 0; i < config_setting_length(g); i++) {
    config_setting_t *c = config_setting_get_elem(g, (unsigned) i);
    if (!IsProperty(p, n, config_setting_name(c), extra))
      PetscCall(MaterialError(m, c, "material '%s': property '%s' is not known", name, config_setting_name(c)));
  }
  for (PetscInt i = 0; i < n; i++) {
    config_setting_t *c = config_setting_get_member(g, p[i].key);
    double            v, scale, offset;
    const char       *disp;
    PetscCall(UnitsToSI(p[i].unit, &scale, &offset, &disp));
    if (!c) {
      if (p[i].required)
        PetscCall(MaterialError(m, g, "material '%s': required property '%s' is missing", name, p[i].key));
      v = p[i].default_value;
    } else {
      int t = config_setting_type(c);
      if (t != CONFIG_TYPE_FLOAT && t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64)
        PetscCall(MaterialError(m, c, "material '%s': property '%s' must be a number", name, p[i].key));
      v = t == CONFIG_TYPE_FLOAT ? config_setting_get_float(c) : (double) config_setting_get_int64(c);
      if (!(v >= p[i].min && v <= p[i].max)) {
        char range[128];
        snprintf(range, sizeof(range), "%s' = %g is outside [%g, %g] %s", p[i].key, v, p[i].min, p[i].max, disp);
        PetscCall(MaterialError(m, c, "material '%s': property '%s", name, range));
      }
    }
    values[i] = (PetscReal) (v * scale + offset);
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode ReadCoefficients(Materials m, config_setting_t *g, const char *group, const char *const forms[],
                                       PetscInt *form, PetscReal coeff[], PetscInt ncoeff[])
{
  config_setting_t *s = config_setting_get_member(g, group), *f, *c;
  const char       *fs;
  PetscFunctionBeginUser;
  if (!s) PetscCall(MaterialError(m, g, "material '%s': group '%s' is missing", config_setting_name(g), group));
  f = config_setting_get_member(s, "form");
  c = config_setting_get_member(s, "coefficients");
  if (!f || !c || config_setting_length(s) != 2)
    PetscCall(MaterialError(m, s, "'%s' needs exactly: form = \"...\"; coefficients = [...]; (%s)", group,
                            "see materials.cfg"));
  fs    = config_setting_get_string(f);
  *form = -1;
  for (PetscInt i = 0; forms[i]; i++)
    if (fs && !strcmp(fs, forms[i])) *form = i;
  if (*form < 0)
    PetscCall(MaterialError(m, f, "'%s.form' = '%s' is not a known correlation form", group, fs ? fs : "?"));
  if (config_setting_length(c) != ncoeff[*form])
    PetscCall(MaterialError(m, c, "'%s.coefficients' has the wrong number of values for form '%s'", group, fs));
  for (int i = 0; i < config_setting_length(c); i++) {
    config_setting_t *e = config_setting_get_elem(c, (unsigned) i);
    int               t = config_setting_type(e);
    if (t != CONFIG_TYPE_FLOAT && t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64) /* a quoted number would read as 0 */
      PetscCall(MaterialError(m, e, "'%s.coefficients' must be numbers (%s)", group, "not quoted"));
    coeff[i] =
        (PetscReal) (t == CONFIG_TYPE_FLOAT ? config_setting_get_float(e) : (double) config_setting_get_int64(e));
  }
  PetscFunctionReturn(0);
}

/* The sections of a parsed materials file; the caller owns (and always destroys) the config. */
static PetscErrorCode ReadSections(Materials m, config_t *pcfg)
{
  config_setting_t *root, *sec;
  const char       *filename = m->filename;
  PetscFunctionBeginUser;
  root = config_root_setting(pcfg);
  for (int i = 0; i < config_setting_length(root); i++) {
    const char *n = config_setting_name(config_setting_get_elem(root, (unsigned) i));
    PetscCheck(!strcmp(n, "solvents") || !strcmp(n, "solids") || !strcmp(n, "foils"), m->comm, PETSC_ERR_USER_INPUT,
               "%s:%d: section '%s' is not known (solvents, solids, foils)", filename,
               (int) config_setting_source_line(config_setting_get_elem(root, (unsigned) i)), n);
  }
  if ((sec = config_lookup(pcfg, "solvents"))) {
    static const char *const psat_forms[]   = {"antoine_ln_Pa_K", "dippr101", NULL};
    static const char *const latent_forms[] = {"watson", "dippr106", NULL};
    static const char *const extra[]        = {"vapour_pressure", "latent_heat", NULL};
    PetscInt                 npsat[] = {3, 5}, nlat[] = {3, 4};
    m->nsolvents = config_setting_length(sec);
    PetscCall(PetscCalloc1(m->nsolvents, &m->solvents));
    for (PetscInt i = 0; i < m->nsolvents; i++) {
      config_setting_t *g = config_setting_get_elem(sec, (unsigned) i);
      Solvent          *s = &m->solvents[i];
      PetscReal         v[PETSC_STATIC_ARRAY_LENGTH(solvent_props)];
      PetscInt          form;
      PetscCall(PetscStrncpy(s->name, config_setting_name(g), sizeof(s->name)));
      PetscCall(ReadProperties(m, g, solvent_props, PETSC_STATIC_ARRAY_LENGTH(solvent_props), extra, v));
      s->molar_mass           = v[0];
      s->density              = v[1];
      s->cp_liquid            = v[2];
      s->cp_vapour            = v[3];
      s->critical_temperature = v[4];
      s->boiling_point        = v[5];
      s->lewis_number         = v[6];
      s->diffusivity_air_298  = v[7];
      s->lel_vol_fraction     = v[8];
      s->viscosity            = v[9];
      s->surface_tension      = v[10];
      PetscCall(ReadCoefficients(m, g, "vapour_pressure", psat_forms, &form, s->psat, npsat));
      s->psat_form = (VapourPressureForm) form;
      PetscCall(ReadCoefficients(m, g, "latent_heat", latent_forms, &form, s->latent, nlat));
      s->latent_form = (LatentHeatForm) form;
      if (s->latent_form == LATENT_WATSON) s->latent[0] *= 1e3; /* kJ/kg in the file */
    }
  }
  if ((sec = config_lookup(pcfg, "solids"))) {
    m->nsolids = config_setting_length(sec);
    PetscCall(PetscCalloc1(m->nsolids, &m->solids));
    for (PetscInt i = 0; i < m->nsolids; i++) {
      config_setting_t *g = config_setting_get_elem(sec, (unsigned) i);
      Solid            *s = &m->solids[i];
      PetscReal         v[PETSC_STATIC_ARRAY_LENGTH(solid_props)];
      PetscCall(PetscStrncpy(s->name, config_setting_name(g), sizeof(s->name)));
      PetscCall(ReadProperties(m, g, solid_props, PETSC_STATIC_ARRAY_LENGTH(solid_props), NULL, v));
      s->density                = v[0];
      s->cp                     = v[1];
      s->specific_capacity      = v[2];
      s->nominal_voltage        = v[3];
      s->electronic_resistivity = v[4];
      s->relative_permittivity  = v[5];
      s->thermal_conductivity   = v[6];
      s->particle_diameter      = v[7];
      s->melting_point          = v[8] > 0.5 ? v[8] : 0.0;
      s->calender_min_porosity  = v[9];
      s->calender_resistance    = v[10];
    }
  }
  if ((sec = config_lookup(pcfg, "foils"))) {
    m->nfoils = config_setting_length(sec);
    PetscCall(PetscCalloc1(m->nfoils, &m->foils));
    for (PetscInt i = 0; i < m->nfoils; i++) {
      config_setting_t *g = config_setting_get_elem(sec, (unsigned) i);
      Foil             *f = &m->foils[i];
      PetscReal         v[PETSC_STATIC_ARRAY_LENGTH(foil_props)];
      PetscCall(PetscStrncpy(f->name, config_setting_name(g), sizeof(f->name)));
      PetscCall(ReadProperties(m, g, foil_props, PETSC_STATIC_ARRAY_LENGTH(foil_props), NULL, v));
      f->density                = v[0];
      f->cp                     = v[1];
      f->thermal_conductivity   = v[2];
      f->electrical_resistivity = v[3];
    }
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MaterialsLoad(Materials m, const char *filename)
{
  config_t       cfg;
  PetscErrorCode ierr;
  FILE          *fp;
  PetscFunctionBeginUser;
  PetscCall(PetscStrncpy(m->filename, filename, sizeof(m->filename)));
  fp = fopen(filename, "r");
  PetscCheck(fp, m->comm, PETSC_ERR_USER_INPUT, "%s: cannot open the materials file (process.materials_file)",
             filename);
  fclose(fp);
  config_init(&cfg);
  if (config_read_file(&cfg, filename) != CONFIG_TRUE) {
    char msg[512];
    snprintf(msg, sizeof(msg), "%s:%d: %s", filename, config_error_line(&cfg), config_error_text(&cfg));
    config_destroy(&cfg);
    SETERRQ(m->comm, PETSC_ERR_USER_INPUT, "%s", msg);
  }
  ierr = ReadSections(m, &cfg);
  config_destroy(&cfg); /* on every path: a bad property leaves nothing allocated behind */
  PetscCall(ierr);
  PetscFunctionReturn(0);
}

#define MATERIALS_FIND(Type, arr, count, what)                                                                         \
  do {                                                                                                                 \
    PetscFunctionBeginUser;                                                                                            \
    for (PetscInt i = 0; i < m->count; i++)                                                                            \
      if (!strcmp(m->arr[i].name, name)) {                                                                             \
        *out = &m->arr[i];                                                                                             \
        PetscFunctionReturn(0);                                                                                        \
      }                                                                                                                \
    {                                                                                                                  \
      char known[512] = "";                                                                                            \
      for (PetscInt i = 0; i < m->count; i++) {                                                                        \
        strncat(known, i ? ", " : "", sizeof(known) - strlen(known) - 1);                                              \
        strncat(known, m->arr[i].name, sizeof(known) - strlen(known) - 1);                                             \
      }                                                                                                                \
      SETERRQ(m->comm, PETSC_ERR_USER_INPUT, "%s '%s' is not in %s (known: %s)", what, name, m->filename, known);      \
    }                                                                                                                  \
  } while (0)

PetscErrorCode MaterialsGetSolvent(Materials m, const char *name, const Solvent **out)
{
  MATERIALS_FIND(Solvent, solvents, nsolvents, "solvent");
}
PetscErrorCode MaterialsGetSolid(Materials m, const char *name, const Solid **out)
{
  MATERIALS_FIND(Solid, solids, nsolids, "solid");
}
PetscErrorCode MaterialsGetFoil(Materials m, const char *name, const Foil **out)
{
  MATERIALS_FIND(Foil, foils, nfoils, "foil");
}

#define MATERIALS_HAS(arr, count)                                                                                      \
  do {                                                                                                                 \
    PetscFunctionBeginUser;                                                                                            \
    *has = PETSC_FALSE;                                                                                                \
    for (PetscInt i = 0; i < m->count; i++)                                                                            \
      if (!strcmp(m->arr[i].name, name)) *has = PETSC_TRUE;                                                            \
    PetscFunctionReturn(0);                                                                                            \
  } while (0)

PetscErrorCode MaterialsHasSolvent(Materials m, const char *name, PetscBool *has)
{
  MATERIALS_HAS(solvents, nsolvents);
}
PetscErrorCode MaterialsHasSolid(Materials m, const char *name, PetscBool *has)
{
  MATERIALS_HAS(solids, nsolids);
}
PetscErrorCode MaterialsHasFoil(Materials m, const char *name, PetscBool *has)
{
  MATERIALS_HAS(foils, nfoils);
}

/* ---------------------------------------------------------------------------------------------
 * Property functions */
PetscReal SolventVapourPressure(const Solvent *s, PetscReal T)
{
  const PetscReal *c = s->psat;
  if (s->psat_form == PSAT_ANTOINE_LN_PA_K) return PetscExpReal(c[0] - c[1] / (T + c[2]));
  return PetscExpReal(c[0] + c[1] / T + c[2] * PetscLogReal(T) + c[3] * PetscPowReal(T, c[4]));
}

PetscReal SolventLatentHeat(const Solvent *s, PetscReal T)
{
  const PetscReal *c  = s->latent;
  PetscReal        Tc = s->critical_temperature;
  if (T >= Tc) return 0.0;
  if (s->latent_form == LATENT_WATSON) return c[0] * PetscPowReal((Tc - T) / (Tc - c[1]), c[2]);
  {
    PetscReal Tr = T / Tc;
    return c[0] * PetscPowReal(1.0 - Tr, c[1] + c[2] * Tr + c[3] * Tr * Tr) / s->molar_mass; /* J/mol -> J/kg */
  }
}

/* Fuller-type temperature scaling of gas diffusivity, D ~ T^1.75 at constant pressure. */
PetscReal SolventDiffusivityInAir(const Solvent *s, PetscReal T)
{
  return s->diffusivity_air_298 * PetscPowReal(T / 298.15, 1.75);
}

/* The materials file named by process.materials_file, relative to the case file unless absolute. */
PetscErrorCode MaterialsCreateFromCase(EprocCase c, Materials *m)
{
  const char *matfile, *dir;
  char        path[PETSC_MAX_PATH_LEN];
  MPI_Comm    comm;
  PetscFunctionBeginUser;
  PetscCall(CaseGetComm(c, &comm));
  PetscCall(CaseGetString(c, "process.materials_file", &matfile));
  PetscCall(CaseGetDirectory(c, &dir));
  if (matfile[0] == '/')
    PetscCall(PetscStrncpy(path, matfile, sizeof(path)));
  else
    PetscCheck((size_t) snprintf(path, sizeof(path), "%s/%s", dir, matfile) < sizeof(path), comm, PETSC_ERR_USER_INPUT,
               "materials path too long");
  {
    FILE *fp = fopen(path, "r");
    if (fp)
      fclose(fp);
    else
      PetscCall(CaseInputError(c, "process.materials_file", "cannot open the materials file %s", path));
  }
  PetscCall(MaterialsCreate(comm, m));
  PetscCall(MaterialsLoad(*m, path));
  PetscFunctionReturn(0);
}
