/* Slot-die coating: the pure physics of the stage (slurry density, wet thickness, coating window,
 * die flow distribution, edge beads, thin-film levelling operator) and the levelling solver.
 * All arguments and results are SI. Equations and sources: docs/slot_die.md. */
#pragma once
#include <petscts.h>

/* Volume-additive slurry density, kg/m3: 1/rho = w_s/rho_s + (1 - w_s)/rho_l. */
PETSC_EXTERN PetscReal SlotDieSlurryDensity(PetscReal solids_density, PetscReal solvent_density,
                                            PetscReal solids_mass_fraction);
/* Wet film thickness, m, that carries the dry areal loading (kg/m2) at solids mass fraction w_s. */
PETSC_EXTERN PetscReal SlotDieWetThickness(PetscReal areal_loading, PetscReal solids_mass_fraction,
                                           PetscReal slurry_density);
/* Capillary number Ca = mu U / sigma, -. */
PETSC_EXTERN PetscReal SlotDieCapillaryNumber(PetscReal viscosity, PetscReal speed, PetscReal surface_tension);
/* Viscocapillary low-flow limit (Ruschak 1976 construction with the Landau-Levich film law):
 * t_min = c Ca^(2/3) (G - t_min), c = 1.337/2, i.e. t_min = c Ca^(2/3) G / (1 + c Ca^(2/3)), m. */
PETSC_EXTERN PetscReal SlotDieViscocapillaryMinThickness(PetscReal Ca, PetscReal coating_gap);
/* Largest coating-gap to wet-thickness ratio that still coats: the larger of the viscocapillary bound
 * G/t_min(Ca) and the high-Ca asymptote (a case key, about 3; UNCONFIRMED). */
PETSC_EXTERN PetscReal SlotDieMaxGapRatio(PetscReal Ca, PetscReal high_ca_max_gap_ratio);
/* Position of the upstream meniscus under the upstream lip, m from the slot exit (Higgins & Scriven 1980
 * viscocapillary bead): no net flow under the upstream lip, so the web drag holds a pressure gradient
 * 6 mu U / G^2 and x_u = (p_bead + p_vacuum) G^2 / (6 mu U). Inside the bead window: 0 <= x_u <= L_u. */
PETSC_EXTERN PetscReal SlotDieUpstreamMeniscusPosition(PetscReal bead_pressure, PetscReal vacuum, PetscReal viscosity,
                                                       PetscReal speed, PetscReal coating_gap);
/* Coating-window margin, -: min((r_max - r)/r_max, x_u/L_u, 1 - x_u/L_u), r = G/h_wet; > 0 inside:
 * the downstream meniscus holds (r < r_max) and the upstream meniscus stays under the upstream lip. */
PETSC_EXTERN PetscReal SlotDieWindowMargin(PetscReal gap_ratio, PetscReal max_gap_ratio, PetscReal upstream_position,
                                           PetscReal upstream_lip_length);
/* Pressure drop of plane Poiseuille flow through the slot (gap H, land length L) at flow per width q, Pa. */
PETSC_EXTERN PetscReal SlotDieSlotPressureDrop(PetscReal viscosity, PetscReal q, PetscReal slot_gap,
                                               PetscReal slot_length);
/* Pressure of the coating bead at the slot exit over ambient, Pa: the capillary pressure of the downstream
 * meniscus spanning lip and film, -2 sigma/(G - h) (h = q/U < G; 0 otherwise), plus the Couette-Poiseuille
 * pressure drop under the downstream lip (length L_d), 12 mu L_d (q - U G/2)/G^3. Negative: suction. */
PETSC_EXTERN PetscReal SlotDieBeadPressure(PetscReal viscosity, PetscReal surface_tension, PetscReal q, PetscReal speed,
                                           PetscReal coating_gap, PetscReal lip_length);
/* Manifold-to-slot pressure-drop ratio beta of a centre-fed circular manifold (diameter D) feeding a slot
 * (gap H, land length L) over the width W: beta = W^2 H^3 / (12 pi R^4 L), R = D/2. */
PETSC_EXTERN PetscReal SlotDieManifoldRatio(PetscReal width, PetscReal slot_gap, PetscReal slot_length,
                                            PetscReal manifold_diameter);
/* Relative flow per width leaving the die across the web at cell centres y[0..n-1] in [0, W] (mean 1 over
 * the cells, exactly): manifold pressure loss (beta), slot-gap bowing (fraction at mid-width), edge beads
 * (height fraction, width in m; negative height for thin edges). */
PETSC_EXTERN PetscErrorCode SlotDieFlowDistribution(PetscInt n, const PetscReal y[], PetscReal width, PetscReal beta,
                                                    PetscReal bowing, PetscReal bead_height, PetscReal bead_width,
                                                    PetscReal shape[]);

/* Thin-film (lubrication) levelling h_t + (k h^3 h_yyy)_y = 0, k = sigma/(3 mu), finite volumes on a uniform
 * cell-centred grid (spacing dy). Flux at the face between h0 and h1 (stencil hm1, h0, h1, h2):
 * F = k ((h0 + h1)/2)^3 (h2 - 3 h1 + 3 h0 - hm1)/dy^3. */
PETSC_EXTERN PetscReal ThinFilmFaceFlux(PetscReal k, PetscReal dy, PetscReal hm1, PetscReal h0, PetscReal h1,
                                        PetscReal h2);
/* Derivatives of ThinFilmFaceFlux with respect to (hm1, h0, h1, h2). */
PETSC_EXTERN void ThinFilmFaceFluxDerivative(PetscReal k, PetscReal dy, PetscReal hm1, PetscReal h0, PetscReal h1,
                                             PetscReal h2, PetscReal d[4]);
/* Flux divergence (F_{i+1/2} - F_{i-1/2})/dy of cells xs..xs+xm-1 of a grid of M cells. h is indexed by the
 * global cell number and must hold h[xs-2..xs+xm+1]; ends are zero-flux walls with mirror ghosts
 * (h_{-1} = h_0, h_{-2} = h_1), which gives h_y = h_yyy = 0 at the pinned edges. div[i - xs]. */
PETSC_EXTERN void ThinFilmDivergence(PetscReal k, PetscReal dy, PetscInt M, PetscInt xs, PetscInt xm,
                                     const PetscReal h[], PetscReal div[]);

/* Levelling solver: a 1D DMDA across the web and a TS (options prefix "slotdie_"). */
typedef PetscReal (*ThinFilmSourceFn)(PetscReal y, PetscReal t, void *ctx); /* m/s, added to the right side */
typedef struct _p_ThinFilm *ThinFilm;
PETSC_EXTERN PetscErrorCode ThinFilmCreate(MPI_Comm comm, PetscInt ncells, PetscReal width, PetscReal k,
                                           const char *prefix, ThinFilm *tf);
PETSC_EXTERN PetscErrorCode ThinFilmSetSource(ThinFilm tf, ThinFilmSourceFn f, void *ctx);
/* The TS, to change the scheme before ThinFilmSolve (TSSetFromOptions has been called in ThinFilmCreate). */
PETSC_EXTERN PetscErrorCode ThinFilmGetTS(ThinFilm tf, TS *ts);
/* Advance the replicated profile h_in[0..ncells-1] (m) over [0, t_final] from the step dt0; result
 * replicated in h_out (may equal h_in). steps: number of accepted steps (may be NULL). */
PETSC_EXTERN PetscErrorCode ThinFilmSolve(ThinFilm tf, const PetscReal h_in[], PetscReal t_final, PetscReal dt0,
                                          PetscReal h_out[], PetscInt *steps);
PETSC_EXTERN PetscErrorCode ThinFilmDestroy(ThinFilm *tf);
