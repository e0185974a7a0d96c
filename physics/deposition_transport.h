/* DepTransport: drift-diffusion-reaction of carriers (corona ions, powder mass or powder charge per size class) across
 * the gun-to-foil gap, first-order upwind finite volumes on the StretchedGrid (one DMDA component per species).
 *   dc_s/dt + div(c_s v_s) = div(D_s f(z) grad c_s) - (k_s + g_s m) c_s + sum_r K_sr c_r
 *   v_s = g_s u_air + Z_s grad(phi) - w_s e_z
 * (negative carriers drift up the potential, towards the grounded foil). c is an amount per m3 of gap (kg/m3 for
 * powder, C/m3 for charge). u_air is the carrier air in the section (face velocities given by the caller); m is the
 * rate (1/s, per cell, given by the caller) at which air that has turned along the machine direction takes the
 * carriers out of the spray zone (g_s = gas factor). Z_s is the species mobility or, cell by cell, a mobility field
 * (face value: mean of the two cells). f(z) damps a turbulent diffusivity towards the foil. K is a per-cell reaction
 * matrix whose columns sum to zero when it only moves an amount between species (ion capture by particles). Boundaries:
 * prescribed inflow at the gun-plane faces, outflow only elsewhere; at the foil the carriers leave with the downward
 * drift plus a deposition velocity (and, for molecular diffusion, D/(dz/2)), times a sticking fraction per foil face
 * (the rest is reflected); the side and gun planes let carriers leave but bring none in. All fluxes are per metre along
 * the machine direction. Solvers: steady KSP <prefix>steady_ (BiCGStab, ILU(3) on one rank, additive Schwarz with
 * ILU(3) blocks in parallel), linear TS <prefix> (backward Euler; its KSP takes <prefix>). */
#pragma once
#include "deposition_potential.h"
#include <petscts.h>

typedef struct {
  PetscReal mobility;       /* m2/(V s), where no mobility field is given */
  PetscReal settling;       /* m/s, towards the foil */
  PetscReal gas_factor;     /* -, 1: carried by the air (and out with its machine-direction exit), 0: not */
  PetscReal diffusivity;    /* m2/s */
  PetscBool turbulent;      /* the diffusivity is turbulent: damped towards the foil by the profile f(z) */
  PetscReal loss_rate;      /* 1/s, first-order escape out of the section (machine direction) */
  PetscReal wall_velocity;  /* m/s, deposition velocity onto the foil from the cell next to it */
  PetscBool wall_diffusion; /* molecular diffusion to an absorbing foil: D/(dz/2) adds to the foil outflow */
} DepSpecies;

/* Carrier air: face velocities (m/s), replicated on every rank. ux[j*(nx+1) + i] on the x face i of row j,
 * uz[j*nx + i] on the z face j of column i (positive towards the gun plane). */
typedef struct {
  const PetscReal *ux, *uz;
} DepAir;

typedef struct {
  PetscReal *foil_flux; /* [species*nx + i], amount/(m2 s) arriving on the foil under cell i (replicated) */
  PetscReal *fed;       /* [species], amount/(m s) injected at the gun plane */
  PetscReal *outflow;   /* [species], amount/(m s) leaving through the side walls and the gun plane */
  PetscReal *lost;      /* [species], amount/(m s) escaping in the machine direction (loss rate, air exit) */
  PetscReal *reacted;   /* [species], amount/(m s) gained (> 0) or given up (< 0) by the reactions */
  PetscReal *in_flight; /* [species], amount/m held in the gap */
} DepRates;

typedef struct _p_DepTransport *DepTransport;

/* coupling[s*ns + r] != 0: species s reacts with species r in a cell (NULL: no reactions). */
PETSC_EXTERN PetscErrorCode DepTransportCreate(StretchedGrid grid, PetscInt nspecies, const char *prefix,
                                               const PetscInt coupling[], DepTransport *tr);
PETSC_EXTERN PetscErrorCode DepTransportDestroy(DepTransport *tr);
PETSC_EXTERN PetscErrorCode DepTransportGetDM(DepTransport tr, DM *dm);
PETSC_EXTERN PetscErrorCode DepTransportSetSpecies(DepTransport tr, const DepSpecies species[]);
/* Turbulent diffusivity profile f(z) (0..1): on the z faces (nz + 1 values) and the cell rows (nz values). */
PETSC_EXTERN PetscErrorCode DepTransportSetDiffusivityProfile(DepTransport tr, const PetscReal f_faces[],
                                                              const PetscReal f_rows[]);
/* Fraction of the flux arriving at the foil face of column i that stays, [species*nx + i] (NULL: all); each in [0, 1]
 * (PETSC_ERR_ARG_OUTOFRANGE otherwise). */
PETSC_EXTERN PetscErrorCode DepTransportSetSticking(DepTransport tr, const PetscReal sticking[]);
/* Reaction matrix per owned cell, K[((j - ys)*xm + (i - xs))*ns*ns + s*ns + r] in 1/s (NULL: none). Takes effect at
 * the next DepTransportSetFields(). */
PETSC_EXTERN PetscErrorCode DepTransportSetReaction(DepTransport tr, const PetscReal K[]);
/* Face velocities from the potential phi (global Vec of grid->da, with the boundary data of bc), the carrier air
 * (NULL: none) and a mobility field (global Vec of the transport DM, m2/(V s); NULL: the species mobilities), then
 * the Jacobian. */
PETSC_EXTERN PetscErrorCode DepTransportSetFields(DepTransport tr, Vec phi, DepBoundaryFn bc, void *bcctx,
                                                  const DepAir *air, Vec mobility);
/* |grad phi| (V/m) in the owned cells from the last DepTransportSetFields(), [(j - ys)*xm + (i - xs)]. */
PETSC_EXTERN PetscErrorCode DepTransportGetFieldMagnitude(DepTransport tr, const PetscReal **E);
/* Owned corner of the DMDA (as DMDAGetCorners). */
PETSC_EXTERN PetscErrorCode DepTransportGetCorners(DepTransport tr, PetscInt *xs, PetscInt *ys, PetscInt *xm,
                                                   PetscInt *ym);
/* inflow[species*nx + i]: amount/(m2 s) entering through the gun-plane face of column i. */
PETSC_EXTERN PetscErrorCode DepTransportSetInflow(DepTransport tr, const PetscReal inflow[]);
/* Machine-direction exit rate m (1/s) of the air in the owned cells, [(j - ys)*xm + (i - xs)] (NULL: none). Takes
 * effect at the next DepTransportSetFields(). */
PETSC_EXTERN PetscErrorCode DepTransportSetAirExit(DepTransport tr, const PetscReal rate[]);
/* Relative tolerance of the steady solve (default 1e-11). */
PETSC_EXTERN PetscErrorCode DepTransportSetTolerance(DepTransport tr, PetscReal rtol);
/* Steady state: J c + b = 0 (KSP with prefix <prefix>steady_, warm-started from c). Not converging is an error. */
PETSC_EXTERN PetscErrorCode DepTransportSolveSteady(DepTransport tr, Vec c);
/* A linear TS (default backward Euler, options prefix <prefix>) for dc/dt = J c + b. */
PETSC_EXTERN PetscErrorCode DepTransportCreateTS(DepTransport tr, TS *ts);
PETSC_EXTERN PetscErrorCode DepRatesCreate(DepTransport tr, DepRates *r);
PETSC_EXTERN PetscErrorCode DepRatesDestroy(DepRates *r);
/* Boundary rates and content of the state c (collective; the results are replicated). */
PETSC_EXTERN PetscErrorCode DepTransportGetRates(DepTransport tr, Vec c, DepRates *r);
