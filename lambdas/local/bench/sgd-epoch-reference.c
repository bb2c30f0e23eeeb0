/*
 * The C reference of the rating model's SGD epoch, for `movierec bench --only kernels`: the
 * same loop as the TypeScript reference (lambdas/core/models/biased-mf-sgd.ts), built with
 * `gcc -O3` at bench time. Usage: sgd-epoch-reference <input file>; prints one line per epoch,
 * "<seconds> <sum of squared errors>". The input (native byte order, written by kernel-bench.ts):
 * int32 nnz, users, items, k, epochs; float64 mu, learning rate, its decay per epoch, λ_b, λ_f;
 * then int32 order[nnz], user[nnz], item[nnz]; float32 value[nnz]; float64 P[users·k], Q[items·k].
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double sgd_epoch(const int32_t *order, int32_t nnz, const int32_t *user,
                        const int32_t *item, const float *value, double mu, double *bu,
                        double *bi, double *P, double *Q, int32_t k, double lr, double rb,
                        double shrink) {
  double squared = 0;
  for (int32_t n = 0; n < nnz; n++) {
    const int32_t r = order[n];
    const int32_t u = user[r];
    const int32_t i = item[r];
    double *p = P + (size_t)u * k;
    double *q = Q + (size_t)i * k;
    double dot = 0;
    for (int32_t f = 0; f < k; f++) dot += p[f] * q[f];
    const double e = value[r] - mu - bu[u] - bi[i] - dot;
    squared += e * e;
    bu[u] = bu[u] + lr * (e - rb * bu[u]);
    bi[i] = bi[i] + lr * (e - rb * bi[i]);
    const double step = lr * e;
    for (int32_t f = 0; f < k; f++) {
      const double pf = p[f];
      const double qf = q[f];
      p[f] = shrink * pf + step * qf;
      q[f] = shrink * qf + step * pf;
    }
  }
  return squared;
}

static void *read_array(FILE *in, size_t count, size_t size) {
  void *array = calloc(count ? count : 1, size);
  if (array == NULL || fread(array, size, count, in) != count) {
    fprintf(stderr, "sgd-epoch-reference: truncated input\n");
    exit(1);
  }
  return array;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: sgd-epoch-reference <input file>\n");
    return 2;
  }
  FILE *in = fopen(argv[1], "rb");
  if (in == NULL) {
    perror(argv[1]);
    return 1;
  }
  int32_t *header = read_array(in, 5, sizeof(int32_t));
  const int32_t nnz = header[0], users = header[1], items = header[2], k = header[3];
  const int32_t epochs = header[4];
  double *hyper = read_array(in, 5, sizeof(double));
  double lr = hyper[1];
  int32_t *order = read_array(in, nnz, sizeof(int32_t));
  int32_t *user = read_array(in, nnz, sizeof(int32_t));
  int32_t *item = read_array(in, nnz, sizeof(int32_t));
  float *value = read_array(in, nnz, sizeof(float));
  double *P = read_array(in, (size_t)users * k, sizeof(double));
  double *Q = read_array(in, (size_t)items * k, sizeof(double));
  double *bu = calloc(users ? users : 1, sizeof(double));
  double *bi = calloc(items ? items : 1, sizeof(double));
  fclose(in);
  for (int32_t epoch = 0; epoch < epochs; epoch++) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    const double squared = sgd_epoch(order, nnz, user, item, value, hyper[0], bu, bi, P, Q, k,
                                     lr, hyper[3], 1 - lr * hyper[4]);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%.9f %.17g\n", (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9, squared);
    lr *= hyper[2];
  }
  return 0;
}
