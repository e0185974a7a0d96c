/* DepTransport: drift-diffusion of carriers (corona ions or powder size classes) across the gun-to-foil gap,
 * first-order upwind finite volumes on the StretchedGrid (one DMDA component per species).
 *   dc/dt + div(c v) = div(D grad c) - k c,   v = gas_factor u_gas + mobility grad(phi) - settling e_z
 * (negative carriers drift up the potential, towards the grounded foil). c is an amount per m3 of gap (kg/m3 for
 * powder, C/m3 for ions). Boundaries: prescribed inflow at the gun-plane faces, outflow only elsewhere; the foil
 * absorbs (advective outflow plus diffusion to c = 0 at the wall); the side and gun planes let carriers leave
 * (overspray) but bring none in. All fluxes are per metre along the machine direction. */
#pragma once
#include "deposition_potential.h"
#include <petscts.h>

typedef struct {
  PetscReal mobility;    /* m2/(V s) */
  PetscReal settling;    /* m/s, towards the foil */
  PetscReal gas_factor;  /* -, 1: carried by the carrier air, 0: not */
  PetscReal diffusivity; /* m2/s */
  PetscReal loss_rate;   /* 1/s, first-order escape out of the section (machine direction) */
} DepSpecies;

typedef struct {
  PetscReal *foil_flux; /* [species*nx + i], amount/(m2 s) arriving on the foil under cell i (replicated) */
  PetscReal *fed;       /* [species], amount/(m s) injected at the gun plane */
  PetscReal *outflow;   /* [species], amount/(m s) leaving through the side walls and the gun plane */
  PetscReal *lost;      /* [species], amount/(m s) escaping in the machine direction (loss_rate) */
  PetscReal *in_flight; /* [species], amount/m held in the gap */
} DepRates;

typedef struct _p_DepTransport *DepTransport;

PETSC_EXTERN PetscErrorCode DepTransportCreate(StretchedGrid grid, PetscInt nspecies, const char *prefix,
                                               DepTransport *tr);
PETSC_EXTERN PetscErrorCode DepTransportDestroy(DepTransport *tr);
PETSC_EXTERN PetscErrorCode DepTransportGetDM(DepTransport tr, DM *dm);
PETSC_EXTERN PetscErrorCode DepTransportSetSpecies(DepTransport tr, const DepSpecies species[]);
/* Face velocities from the potential phi (global Vec of grid->da, with the boundary data of bc) and the gas
 * stream function psi at the grid vertices ([j*(nx+1) + i], m2/s; NULL: no gas), then the Jacobian. */
PETSC_EXTERN PetscErrorCode DepTransportSetFields(DepTransport tr, Vec phi, DepBoundaryFn bc, void *bcctx,
                                                  const PetscReal *psi);
/* inflow[species*nx + i]: amount/(m2 s) entering through the gun-plane face of column i. */
PETSC_EXTERN PetscErrorCode DepTransportSetInflow(DepTransport tr, const PetscReal inflow[]);
/* Steady state: J c + b = 0 (KSP with prefix <prefix>steady_). */
PETSC_EXTERN PetscErrorCode DepTransportSolveSteady(DepTransport tr, Vec c);
/* A linear TS (default backward Euler, options prefix ts_prefix; its KSP takes <prefix>) for dc/dt = J c + b. */
PETSC_EXTERN PetscErrorCode DepTransportCreateTS(DepTransport tr, const char *ts_prefix, TS *ts);
PETSC_EXTERN PetscErrorCode DepRatesCreate(DepTransport tr, DepRates *r);
PETSC_EXTERN PetscErrorCode DepRatesDestroy(DepRates *r);
/* Boundary rates and content of the state c (collective; the results are replicated). */
PETSC_EXTERN PetscErrorCode DepTransportGetRates(DepTransport tr, Vec c, DepRates *r);
