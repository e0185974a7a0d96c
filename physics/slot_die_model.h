/* Slot-die coating: the pure physics of the stage (slurry density, wet thickness, coating bead and window,
 * die manifold and flow distribution, edge beads, thin-film levelling operator) and the levelling solver.
 * The slurry rheology and its viscometric flows are in slot_die_rheology.h.
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
/* Capillary pressure of the downstream (film-forming) meniscus, liquid minus air, Pa (<= 0): the Landau-Levich
 * curvature 1.337 Ca^(2/3)/h (Higgins & Scriven 1980), capped at the low-flow value 2/(G - h) of a meniscus that
 * spans lip and film (Ruschak 1976): -sigma min(1.337 Ca^(2/3)/h, 2/(G - h)) (no cap when h >= G). */
PETSC_EXTERN PetscReal SlotDieDownstreamCapillaryPressure(PetscReal sigma, PetscReal Ca, PetscReal h, PetscReal G);
/* Dynamic contact angle of the upstream (wetting) meniscus on the web, rad: Cox-Voinov form theta^3 linear in the
 * wetting-line capillary number, from 0 (slurry wetting the lip and the foil at rest) to pi at the air-entrainment
 * capillary number Ca_ae: theta = pi min(1, Ca_w/Ca_ae)^(1/3). */
PETSC_EXTERN PetscReal SlotDieDynamicContactAngle(PetscReal Ca_w, PetscReal Ca_ae);

#include "slot_die_rheology.h"
/* The coating bead between the die lips and the web (docs/slot_die.md section 3). */
typedef struct {
  SlurryRheology rheology;
  PetscReal      sigma;          /* N/m */
  PetscReal      h;              /* m, wet film thickness (premetered: q = h U) */
  PetscReal      gap;            /* m, coating gap G */
  PetscReal      lip_down;       /* m, downstream lip length L_d */
  PetscReal      lip_up;         /* m, upstream lip length L_u */
  PetscReal      vacuum;         /* Pa, below ambient under the upstream lip */
  PetscReal      ratio_high_ca;  /* -, high-Ca asymptote of the largest G/h */
  PetscReal      ca_ae;          /* -, capillary number of air entrainment (Gutoff & Kendrick 1982) */
  PetscReal      wetting_length; /* m, length that sets the shear rate U/l at the wetting line */
} SlotDieBead;

typedef enum { BEAD_INSIDE, BEAD_LOW_FLOW, BEAD_SUCTION, BEAD_WEEPING, BEAD_AIR_ENTRAINMENT } SlotDieBeadLimit;
PETSC_EXTERN const char *const SlotDieBeadLimits[];

typedef struct {
  PetscReal        Ca;               /* -, eta(U/h) U/sigma: downstream meniscus */
  PetscReal        Ca_w;             /* -, eta(U/l) U/sigma: wetting line */
  PetscReal        ratio, ratio_max; /* G/h and its low-flow limit */
  PetscReal        p_cap_down;       /* Pa, downstream meniscus capillary pressure (<= 0) */
  PetscReal        p_lip_down;       /* Pa, pressure at the slot exit over that at the downstream meniscus */
  PetscReal        p_bead;           /* Pa, bead pressure at the slot exit over ambient */
  PetscReal        grad_up;          /* Pa/m, pressure gradient under the upstream lip (no net flow) */
  PetscReal        theta_d;          /* rad, dynamic contact angle of the upstream meniscus on the web */
  PetscReal        kappa_up;         /* 1/m, curvature of the free upstream meniscus (cos 0 + cos theta_d)/G */
  PetscReal        kappa_pin;        /* 1/m, most convex meniscus pinned at the lip edge (cos 90 + cos theta_d)/G */
  PetscReal        x_up;             /* m, free upstream meniscus position from the slot exit */
  PetscReal        vac_min, vac_max; /* Pa, vacuum window: suction (x_u = 0) and weeping (pinned at L_u) limits */
  PetscReal        speed_ae;         /* m/s, air-entrainment speed */
  PetscReal        m_low_flow, m_suction, m_weeping, m_air; /* relative distances to each limit, > 0 inside */
  PetscReal        margin;                                  /* the smallest of the four */
  SlotDieBeadLimit limit;                                   /* the nearest (or violated) limit */
} SlotDieBeadState;

/* Air-entrainment speed, m/s: the wetting line fails when its capillary number eta(U/l) U/sigma reaches Ca_ae, i.e.
 * tau(U/l) = Ca_ae sigma/l; Newtonian: U = Ca_ae sigma/mu. */
PETSC_EXTERN PetscReal SlotDieAirEntrainmentSpeed(const SlurryRheology *r, PetscReal sigma, PetscReal Ca_ae,
                                                  PetscReal wetting_length);
/* The bead at the web speed U: capillary and viscous pressures, menisci, vacuum window, margins. */
PETSC_EXTERN PetscErrorCode SlotDieBeadEvaluate(const SlotDieBead *b, PetscReal U, SlotDieBeadState *s);
/* The window around the operating point, the other settings held: speeds [lo, hi] (m/s; h fixed by the loading) and
 * coating gaps [lo, hi] (m) where the margin is positive, found by a logarithmic scan (speed 1e-4..20 m/s, gap
 * 0.2..20 h) and bisection. The interval holding the operating point, or the nearest one if it is outside; NaN when
 * none. The vacuum window is SlotDieBeadState.vac_min/vac_max. */
PETSC_EXTERN PetscErrorCode SlotDieSpeedWindow(const SlotDieBead *b, PetscReal U, PetscReal *lo, PetscReal *hi);
PETSC_EXTERN PetscErrorCode SlotDieGapWindow(const SlotDieBead *b, PetscReal U, PetscReal *lo, PetscReal *hi);

/* Manifold-to-slot pressure-drop ratio beta of a centre-fed circular manifold (diameter D) feeding a slot
 * (gap H, land length L) over the width W, Newtonian: beta = W^2 H^3 / (12 pi R^4 L), R = D/2. */
PETSC_EXTERN PetscReal SlotDieManifoldRatio(PetscReal width, PetscReal slot_gap, PetscReal slot_length,
                                            PetscReal manifold_diameter);
/* Exact Newtonian manifold: q(z)/q_mean = a cosh(a (1 - z))/sinh(a), a = sqrt(2 beta), z = |2y/W - 1| (0 at the
 * central feed, 1 at the die ends); the feed pressure is a/tanh(a) times the slot pressure drop at the mean flow. */
PETSC_EXTERN PetscReal SlotDieManifoldNewtonian(PetscReal beta, PetscReal z);
/* Manifold of any rheology: the pipe carries Q_m(z) with the Poiseuille pressure gradient of the rheology and feeds
 * the slot (local gap H (1 + bowing (1 - z^2)), land L), whose flow per width follows its own pressure drop. Solved
 * by shooting on the feed pressure, integrating in the pipe wall stress (RK4, nsteps) from the feed to the closed end.
 * Returns the relative flow per width at z[0..n-1] (not normalised), the feed and end pressures over the slot exit
 * (Pa). Q: total die flow, W: width, R: manifold radius. */
PETSC_EXTERN PetscErrorCode SlotDieManifoldSolve(const SlurryRheology *r, PetscReal Q, PetscReal W, PetscReal R,
                                                 PetscReal H, PetscReal L, PetscReal bowing, PetscInt nsteps,
                                                 PetscInt n, const PetscReal z[], PetscReal qrel[], PetscReal *p_feed,
                                                 PetscReal *p_end);
/* Edge beads: multiply shape[i] by 1 + e cos^2(pi d/(2 w)) within a distance d < w of a film edge, then normalise
 * the cells to a mean of exactly 1 (the pump sets the flow: the die redistributes, never creates mass). */
PETSC_EXTERN PetscErrorCode SlotDieApplyEdgesAndNormalise(PetscInt n, const PetscReal y[], PetscReal width,
                                                          PetscReal bead_height, PetscReal bead_width,
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
/* Gravity on a film above a horizontal web: flux k h^3 (h_yyy - c h_y), c = rho g/sigma = 1/l_c^2 (1/m2; 0: none). */
PETSC_EXTERN PetscErrorCode ThinFilmSetGravity(ThinFilm tf, PetscReal rho_g_over_sigma);
/* Bingham yield stress (levelling with the zero-shear viscosity): the flux is multiplied by
 * (1 - s)^2 (1 + s/2) for s = Y/h < 1 and 0 otherwise, Y = tau_y/|sigma (h_yyy - c h_y)| the plug depth
 * (Bingham lubrication flux). Argument tau_y/sigma, 1/m (0: none). */
PETSC_EXTERN PetscErrorCode ThinFilmSetYieldStress(ThinFilm tf, PetscReal yield_over_sigma);
/* Face flux with gravity and yield stress (reduces to ThinFilmFaceFlux for c = ty = 0) and its derivatives. */
PETSC_EXTERN PetscReal ThinFilmFaceFluxFull(PetscReal k, PetscReal c, PetscReal ty, PetscReal dy, PetscReal hm1,
                                            PetscReal h0, PetscReal h1, PetscReal h2);
PETSC_EXTERN void ThinFilmFaceFluxFullDerivative(PetscReal k, PetscReal c, PetscReal ty, PetscReal dy, PetscReal hm1,
                                                 PetscReal h0, PetscReal h1, PetscReal h2, PetscReal d[4]);
/* The TS, to change the scheme before ThinFilmSolve (TSSetFromOptions has been called in ThinFilmCreate). */
PETSC_EXTERN PetscErrorCode ThinFilmGetTS(ThinFilm tf, TS *ts);
/* Advance the replicated profile h_in[0..ncells-1] (m) over [0, t_final] from the step dt0; result
 * replicated in h_out (may equal h_in). steps: number of accepted steps (may be NULL). */
PETSC_EXTERN PetscErrorCode ThinFilmSolve(ThinFilm tf, const PetscReal h_in[], PetscReal t_final, PetscReal dt0,
                                          PetscReal h_out[], PetscInt *steps);
PETSC_EXTERN PetscErrorCode ThinFilmDestroy(ThinFilm *tf);
