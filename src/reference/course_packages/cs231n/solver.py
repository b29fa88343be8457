"""The course's Solver: minibatch training of a model with ``model.params`` and ``model.loss(X, y)``
returning ``(loss, grads)``, an update rule of ``optim`` per parameter, accuracy checks each epoch."""

import numpy as np

from . import optim

__all__ = ["Solver"]


class Solver:
    """Solver(model, data, update_rule="sgd", optim_config=None, lr_decay=1.0, batch_size=100,
    num_epochs=10, num_train_samples=1000, num_val_samples=None, print_every=10, verbose=True);
    ``data`` holds X_train, y_train, X_val, y_val."""

    def __init__(self, model, data, update_rule="sgd", optim_config=None, lr_decay=1.0, batch_size=100,
                 num_epochs=10, num_train_samples=1000, num_val_samples=None, checkpoint_name=None,
                 print_every=10, verbose=True):
        self.model = model
        self.X_train, self.y_train = data["X_train"], data["y_train"]
        self.X_val, self.y_val = data["X_val"], data["y_val"]
        self.update_rule = getattr(optim, update_rule) if isinstance(update_rule, str) else update_rule
        self.optim_config = dict(optim_config or {})
        self.lr_decay, self.batch_size, self.num_epochs = lr_decay, batch_size, num_epochs
        self.num_train_samples, self.num_val_samples = num_train_samples, num_val_samples
        self.checkpoint_name, self.print_every, self.verbose = checkpoint_name, print_every, verbose
        self._reset()

    def _reset(self):
        self.epoch, self.best_val_acc, self.best_params = 0, 0, {}
        self.loss_history, self.train_acc_history, self.val_acc_history = [], [], []
        self.optim_configs = {p: dict(self.optim_config) for p in self.model.params}

    def _step(self):
        chosen = np.random.choice(self.X_train.shape[0], self.batch_size)
        loss, grads = self.model.loss(self.X_train[chosen], self.y_train[chosen])
        self.loss_history.append(loss)
        for p, w in self.model.params.items():
            self.model.params[p], self.optim_configs[p] = self.update_rule(w, grads[p], self.optim_configs[p])

    def check_accuracy(self, X, y, num_samples=None, batch_size=100):
        if num_samples is not None and X.shape[0] > num_samples:
            chosen = np.random.choice(X.shape[0], num_samples)
            X, y = X[chosen], y[chosen]
        scores = [self.model.loss(X[i:i + batch_size]) for i in range(0, X.shape[0], batch_size)]
        return float(np.mean(np.argmax(np.vstack(scores), axis=1) == y))

    def train(self):
        per_epoch = max(self.X_train.shape[0] // self.batch_size, 1)
        iterations = self.num_epochs * per_epoch
        for t in range(iterations):
            self._step()
            if self.verbose and t % self.print_every == 0:
                print(f"(Iteration {t + 1} / {iterations}) loss: {self.loss_history[-1]:f}")
            end_of_epoch = (t + 1) % per_epoch == 0
            if end_of_epoch:
                self.epoch += 1
                for config in self.optim_configs.values():
                    config["learning_rate"] = config.get("learning_rate", 1e-2) * self.lr_decay
            if t == 0 or t == iterations - 1 or end_of_epoch:
                train_acc = self.check_accuracy(self.X_train, self.y_train, self.num_train_samples)
                val_acc = self.check_accuracy(self.X_val, self.y_val, self.num_val_samples)
                self.train_acc_history.append(train_acc)
                self.val_acc_history.append(val_acc)
                if self.verbose:
                    print(f"(Epoch {self.epoch} / {self.num_epochs}) train acc: {train_acc:f}; val_acc: {val_acc:f}")
                if val_acc > self.best_val_acc:
                    self.best_val_acc = val_acc
                    self.best_params = {k: v.copy() for k, v in self.model.params.items()}
        self.model.params = self.best_params or self.model.params
