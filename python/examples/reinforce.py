"""A NumPy-only policy gradient (REINFORCE with a running baseline) for one side against the
scenario's bots: a linear softmax policy per unit over the masked order table. Prints the learning
curve: mean return and win rate per block of episodes.

    python python/examples/reinforce.py scenarios/eastern-med-2018.ron usa 300 25
"""

import sys

import numpy as np

from whitecell.env import parallel_env


def main(scenario="scenarios/eastern-med-2018.ron", side="usa", episodes=300, block=25):
    env = parallel_env(scenario, sides=[side])
    units, n_actions = len(env.unit_ids[side]), len(env.actions)
    obs_len = env.observation_space(side)["observation"].shape[0]
    rng = np.random.default_rng(0)
    w = np.zeros((units, n_actions, obs_len + 1))  # one linear policy per unit (+ bias)
    lr, baseline = 0.01, 0.0
    returns, wins = [], []
    for ep in range(episodes):
        obs, _ = env.reset(seed=ep)
        grads, total = np.zeros_like(w), 0.0
        while env.agents:
            x = np.append(obs[side]["observation"], 1.0)
            x = x / max(1.0, np.abs(x).max())
            mask = np.array(obs[side]["action_mask"], dtype=bool)
            logits = w @ x  # (units, actions)
            logits[~mask] = -np.inf
            p = np.exp(logits - logits.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
            act = np.array([rng.choice(n_actions, p=pu) for pu in p])
            # d log pi / d w for a softmax: (onehot - p) x
            g = -p
            g[np.arange(units), act] += 1.0
            grads += g[:, :, None] * x[None, None, :]
            obs, rew, term, trunc, infos = env.step({side: act})
            total += rew[side]
        won = total > 5.0  # the win term (+10) outweighs any change in points
        baseline = 0.9 * baseline + 0.1 * total if ep else total
        w += lr * (total - baseline) * grads
        returns.append(total)
        wins.append(won)
        if (ep + 1) % block == 0:
            r, v = np.mean(returns[-block:]), np.mean(wins[-block:])
            print(f"episodes {ep + 1 - block:4d}-{ep:4d}: mean return {r:7.2f}, win rate {v:.2f}")


if __name__ == "__main__":
    a = sys.argv[1:]
    main(*(a[:2]), *(int(x) for x in a[2:4]))
