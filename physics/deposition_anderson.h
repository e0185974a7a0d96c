/* DepAnderson: Anderson acceleration of a fixed-point iteration x = G(x) (Walker & Ni, SIAM J. Numer. Anal. 49
 * (2011) 1715, "type II" with damping beta): with the residuals f_i = G(x_i) - x_i of the last m iterates,
 *   gamma = argmin || f_k - sum_i gamma_i (f_{i+1} - f_i) ||_2,
 *   x_{k+1} = G(x_k) - sum_i gamma_i (G_{i+1} - G_i) - (1 - beta) (f_k - sum_i gamma_i (f_{i+1} - f_i)).
 * m = 0 is the relaxed fixed point x_{k+1} = x_k + beta f_k. The small least-squares problem is solved through its
 * normal equations (Cholesky with a ridge of 1e-5 of the mean diagonal: it keeps the weights bounded when the
 * differences are nearly dependent, which otherwise stalled the deposition coupling at ~3e-3); a history whose Gram
 * matrix is still not positive definite is dropped. Safeguard: an Anderson step whose residual is not smaller than
 * that of the last accepted iterate is rejected and replaced by the plain damped step from that iterate (the
 * history starts again), so the iteration is never worse than the relaxed fixed point (a limit cycle at ~2e-3 of
 * the unguarded scheme in the one-gun bench at 60 kV). */
#pragma once
#include <petscvec.h>

typedef struct _p_DepAnderson *DepAnderson;

PETSC_EXTERN PetscErrorCode DepAndersonCreate(Vec model, PetscInt depth, PetscReal damping, DepAnderson *a);
/* Given x_k (overwritten with x_{k+1}) and g = G(x_k). Collective. */
PETSC_EXTERN PetscErrorCode DepAndersonUpdate(DepAnderson a, Vec x, Vec g);
PETSC_EXTERN PetscErrorCode DepAndersonReset(DepAnderson a);
PETSC_EXTERN PetscErrorCode DepAndersonDestroy(DepAnderson *a);
