/* Hot lamination of a dry powder layer (docs/lamination.md): nip geometry, compaction law, effective
 * layer conductivity, roll surface losses, the thermodynamic floor of binder melting, and the
 * finite-volume pieces of 1D heat conduction through foil + powder layer. The pure functions take
 * no PETSc objects so that tests call them directly; LamConduction wraps them in a DMDA + TS solver.
 *
 * Through-thickness layout (index of the TS vector, n cells):
 *   0        : Q_bot, heat that entered through the foil-side boundary since the start (J/m2)
 *   1 .. n   : cell temperatures (K), foil cells first (from the foil's free face), then the layer
 *   n + 1    : Q_top, heat that entered through the powder-side boundary (J/m2)
 * The two end entries are integrated by the same time scheme as the temperatures, so that
 * sum_i C_i T_i - Q_bot - Q_top is kept exactly (to solver round-off) by any linear time scheme. */
#pragma once
#include <petscsys.h>

#define STEFAN_BOLTZMANN 5.670374419e-8 /* W/(m2 K4), CODATA 2018 exact */

/* Compaction law eps(q_L) = eps_min + (eps_0 - eps_min) exp(-q_L / gamma_c) (physics.md section 4,
 * after Meyer et al. 2017; parameters UNCONFIRMED). A layer already below eps_min is left as it is. */
PETSC_EXTERN PetscReal LaminationCompactedPorosity(PetscReal eps_in, PetscReal eps_min, PetscReal line_load,
                                                   PetscReal gamma_c);
/* Thickness (m) of a layer of solids_mass (kg/m2) of dense density rho_s (kg/m3) at porosity eps. */
PETSC_EXTERN PetscReal LaminationLayerThickness(PetscReal solids_mass, PetscReal rho_s, PetscReal eps);
/* Geometric bite length sqrt(R dh) (m) of a roll of radius R for a thickness reduction dh. */
PETSC_EXTERN PetscReal LaminationBiteLength(PetscReal R, PetscReal dh);
/* Rolling work per area (J/m2), W = q_L sqrt(dh / R) (data_dry_calendering.md 4.4, DERIVED). */
PETSC_EXTERN PetscReal LaminationCompactionWork(PetscReal line_load, PetscReal dh, PetscReal R);
/* Lichtenecker (geometric-mean) conductivity of a porous mix:
 *   ln k = (1 - eps) sum_i phi_i ln k_i + eps ln k_gas,
 * phi_i the volume fractions of the nsolid solids within the solid phase (sum to 1). */
PETSC_EXTERN PetscReal LaminationLayerConductivity(PetscReal eps, PetscInt nsolid, const PetscReal phi[],
                                                   const PetscReal k_solid[], PetscReal k_gas);
/* Heat lost (W) by the free cylinder face of a heated roll: diameter D, face width W, covered length
 * (arc in contact with the web, m) excluded; natural/rotational convection h and grey radiation. */
PETSC_EXTERN PetscReal LaminationRollSurfaceLoss(PetscReal D, PetscReal W, PetscReal covered_length, PetscReal T_roll,
                                                 PetscReal T_amb, PetscReal h_conv, PetscReal emissivity);
/* Thermodynamic floor of activation (J/m2): binder mass m_b (kg/m2) heated from T0 to its melting point
 * and melted: m_b (cp (T_melt - T0) + L_fus). */
PETSC_EXTERN PetscReal LaminationBinderMeltingMinimum(PetscReal m_b, PetscReal cp, PetscReal T_melt, PetscReal T0,
                                                      PetscReal L_fus);
/* Face conductances (W/(m2 K)) of n cells of widths dx and conductivities k:
 *   G[0]   = 1 / (1/h_bot + dx_1 / (2 k_1))     (0 when h_bot = 0: adiabatic)
 *   G[i]   = 1 / (dx_i / (2 k_i) + dx_{i+1} / (2 k_{i+1})),  i = 1 .. n-1 (harmonic, exact for layers)
 *   G[n]   = 1 / (1/h_top + dx_n / (2 k_n)) */
PETSC_EXTERN void LaminationFaceConductances(PetscInt n, const PetscReal dx[], const PetscReal k[], PetscReal h_bot,
                                             PetscReal h_top, PetscReal G[]);
/* Residual of row i (0 .. n+1) of  M dU/dt = R(U):  F_i = M_i Udot_i - R_i(U) - S_i.
 * C: heat capacities per area of the cells, C[1..n] (J/(m2 K)); C[0], C[n+1] unused (M = 1 there).
 * u_m, u, u_p: U at i-1, i, i+1 (ignored where they do not exist). S_i: integrated source (W/m2), cells only. */
PETSC_EXTERN PetscReal LaminationRowResidual(PetscInt i, PetscInt n, const PetscReal C[], const PetscReal G[],
                                             PetscReal T_bot, PetscReal T_top, PetscReal u_m, PetscReal u,
                                             PetscReal u_p, PetscReal udot, PetscReal S_i);
/* The Jacobian row of the same residual, dF_i/dU_{i-1,i,i+1} + shift dF_i/dUdot. */
PETSC_EXTERN void LaminationRowJacobian(PetscInt i, PetscInt n, const PetscReal C[], const PetscReal G[],
                                        PetscReal shift, PetscReal *d_m, PetscReal *d, PetscReal *d_p);
/* Temperature at the face between two cells from flux continuity (K). */
PETSC_EXTERN PetscReal LaminationInterfaceTemperature(PetscReal T1, PetscReal dx1, PetscReal k1, PetscReal T2,
                                                      PetscReal dx2, PetscReal k2);

/* ---- through-thickness conduction solver (DMDA 1D + TS, options prefix given at creation) ---- */
typedef struct _n_LamConduction *LamConduction;
/* Volumetric source (W/m3) and time-dependent boundary temperatures: for verification only. */
typedef PetscReal (*LamSourceFn)(PetscReal t, PetscReal x, void *ctx);
typedef void (*LamBoundaryFn)(PetscReal t, void *ctx, PetscReal *T_bot, PetscReal *T_top);

PETSC_EXTERN PetscErrorCode LamConductionCreate(MPI_Comm comm, PetscInt ncells, const char *prefix, LamConduction *lc);
PETSC_EXTERN PetscErrorCode LamConductionDestroy(LamConduction *lc);
/* Heat capacity per area of each cell (J/(m2 K)); fixed for the life of the solver (mass coordinate). */
PETSC_EXTERN PetscErrorCode LamConductionSetHeatCapacities(LamConduction lc, const PetscReal C[]);
/* Cell widths (m) and conductivities (W/(m K)); may change between phases (compaction). */
PETSC_EXTERN PetscErrorCode LamConductionSetCells(LamConduction lc, const PetscReal dx[], const PetscReal k[]);
/* Boundary contact: conductance h (W/(m2 K), 0 = adiabatic) to a body at temperature T (K). */
PETSC_EXTERN PetscErrorCode LamConductionSetBoundaries(LamConduction lc, PetscReal h_bot, PetscReal T_bot,
                                                       PetscReal h_top, PetscReal T_top);
PETSC_EXTERN PetscErrorCode LamConductionSetTestHooks(LamConduction lc, LamSourceFn source, LamBoundaryFn boundary,
                                                      void *ctx);
/* Initial temperatures (n values); resets time and the boundary heat counters to 0 and clears the history. */
PETSC_EXTERN PetscErrorCode LamConductionSetInitial(LamConduction lc, const PetscReal T[]);
/* Integrate over duration (s) from the current time, first step dt0 (s); every accepted step is recorded. */
PETSC_EXTERN PetscErrorCode LamConductionAdvance(LamConduction lc, PetscReal duration, PetscReal dt0);
/* Current state on every rank: time (s), n temperatures, heat counters (J/m2). */
PETSC_EXTERN PetscErrorCode LamConductionGetState(LamConduction lc, PetscReal *t, PetscReal T[], PetscReal *Q_bot,
                                                  PetscReal *Q_top);
/* Recorded history: nrec records of time and the full vector (n + 2 values each, layout as above). */
PETSC_EXTERN PetscErrorCode LamConductionGetHistory(LamConduction lc, PetscInt *nrec, const PetscReal **t,
                                                    const PetscReal **U);
/* Steps taken and linear iterations (for the view). */
PETSC_EXTERN PetscErrorCode LamConductionGetStats(LamConduction lc, PetscInt *steps, PetscInt *rejected);
